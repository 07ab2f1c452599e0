# What the catalog's modules need beside what every function gets (functions/catalog.yaml, modules):
# their settings, fixed or given as module_parameters; reading the secrets those name; sending email
# through SES and text messages through SNS. A plan fails while a parameter is missing or invalid.

locals {
  # Each parameter's value: the one given, else its default (null: missing).
  parameter_values = { for name, p in local.module_parameters : name => lookup(var.module_parameters, name, p.default) }

  # The environment each module's functions get from its settings; a module that sends email gets its
  # SES configuration set (email.tf) as SES_CONFIGURATION_SET.
  module_environment = {
    for name, settings in local.module_settings : name => merge(
      { for variable, s in settings : variable => s.parameter == null ? s.value : local.parameter_values[s.parameter] },
      contains(keys(local.email_modules), name) ? { SES_CONFIGURATION_SET = local.email_configuration_sets[name] } : {},
    )
  }

  # What each module's roles may do beside what every module's may (./domain turns it into statements):
  # read the secrets its settings name, send email from email_identity through its configuration set,
  # publish text messages.
  module_permissions = {
    for name, settings in local.module_settings : name => {
      secret_arns = [for s in settings : local.parameter_values[s.parameter] if s.secret]
      email       = contains(keys(local.email_modules), name) ? { identity = var.email_identity, configuration_set = local.email_configuration_sets[name] } : null
      sms         = contains(local.sms_modules, name)
    }
  }
}

resource "terraform_data" "module_parameters" {
  lifecycle {
    precondition {
      condition     = length(setsubtract(keys(var.module_parameters), keys(local.module_parameters))) == 0
      error_message = "module_parameters names what no module setting of the catalog does: ${join(", ", setsubtract(keys(var.module_parameters), keys(local.module_parameters)))}."
    }
    precondition {
      condition     = alltrue([for name, value in local.parameter_values : value != null])
      error_message = "module_parameters needs a value for: ${join(", ", [for name, value in local.parameter_values : name if value == null])}."
    }
    precondition {
      condition     = alltrue([for name, p in local.module_parameters : p.pattern == null || can(regex("^(?:${p.pattern})$", local.parameter_values[name]))])
      error_message = "module_parameters: these do not match their patterns (functions/catalog.yaml): ${join(", ", [for name, p in local.module_parameters : name if p.pattern != null && !can(regex("^(?:${coalesce(p.pattern, ".*")})$", local.parameter_values[name]))])}."
    }
    precondition {
      condition     = alltrue([for name, p in local.module_parameters : !p.secret || can(regex("^arn:aws[a-z-]*:secretsmanager:", local.parameter_values[name]))])
      error_message = "module_parameters: a secret's parameter is the ARN of a Secrets Manager secret: ${join(", ", [for name, p in local.module_parameters : name if p.secret])}."
    }
    precondition {
      condition     = length(local.email_modules) == 0 || can(regex("^(([a-z0-9-]+\\.)+[a-z]{2,}|[^@\\s]+@([a-z0-9-]+\\.)+[a-z]{2,})$", var.email_identity))
      error_message = "email_identity must be the SES identity (a domain or an address) that ${join(", ", keys(local.email_modules))} send email from."
    }
  }
}
