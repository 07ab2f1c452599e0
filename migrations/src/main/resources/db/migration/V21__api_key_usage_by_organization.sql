-- The plan's monthly request count sums an organization's usage rows of the month.
create index api_key_usage_organization_day on api_key_usage (organization_id, day);
