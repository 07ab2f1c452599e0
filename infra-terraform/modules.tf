# One instance of ./domain per catalog module: its functions, their roles, log group, routes, queue
# mappings, schedules and alarms. The modules with a function run on deploy (migrate) are made first,
# and every other module's functions go live only after it has run.

locals {
  handler           = "dev.saaskit.shared.runtime.LambdaHandler::handleRequest"
  java_tool_options = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-FlightRecorder"

  # What each function's environment holds beside what every function's does: its module's initializer
  # and its bean; the signing keys' secret for a function that signs; how it logs in to the database:
  # as its module's user with an IAM token, or for migrate as the owner with the owner's secret.
  function_environment = {
    for name, f in local.functions : name => merge(
      {
        MAIN_CLASS                       = local.modules[f.module].initializer
        SPRING_CLOUD_FUNCTION_DEFINITION = f.bean
      },
      local.module_environment[f.module],
      f.signs_tokens ? { JWT_SIGNING_KEYS_SECRET_ARN = var.jwt_signing_keys_secret_arn } : {},
      f.on_deploy ? {
        DATABASE_IAM_AUTH   = "false"
        DATABASE_USER       = ""
        DATABASE_SECRET_ARN = var.database_secret_arn
        } : {
        DATABASE_IAM_AUTH = "true"
        DATABASE_USER     = local.database_users[f.module]
      },
    )
  }

  domain = {
    for name, module in local.modules : name => {
      functions     = { for fname, f in local.functions : fname => f if f.module == name }
      environment   = { for fname, f in local.functions : fname => local.function_environment[fname] if f.module == name }
      database_user = local.database_users[name]
      permissions   = local.module_permissions[name]
    }
  }

  # What every module's instance is given, beside its own functions.
  shared = {
    stack_name                  = var.stack_name
    artifact_dir                = var.artifact_dir
    handler                     = local.handler
    java_tool_options           = local.java_tool_options
    subnet_ids                  = var.subnet_ids
    security_group_id           = aws_security_group.functions.id
    database_url                = local.database_url
    database_proxy_resource_id  = local.database_proxy_resource_id
    database_secret_arn         = var.database_secret_arn
    database_login_secret_arns  = [for secret in aws_secretsmanager_secret.database_login : secret.arn]
    jwt_jwks                    = var.jwt_jwks
    jwt_issuer                  = var.jwt_issuer == "" ? var.stack_name : var.jwt_issuer
    jwt_audience                = var.jwt_audience == "" ? "${var.stack_name}-api" : var.jwt_audience
    jwt_signing_keys_secret_arn = var.jwt_signing_keys_secret_arn
    bucket_name                 = aws_s3_bucket.files.bucket
    bucket_arn                  = aws_s3_bucket.files.arn
    queues                      = { for name, queue in aws_sqs_queue.queue : name => { arn = queue.arn, url = queue.url, visibility_timeout = local.queues[name].visibility_timeout } }
    api_id                      = aws_apigatewayv2_api.api.id
    schedule_dead_letter_arn    = length(aws_sqs_queue.schedule_dead_letter) == 0 ? "" : aws_sqs_queue.schedule_dead_letter[0].arn
    usage_dead_letter_arn       = length(aws_sqs_queue.usage_dead_letter) == 0 ? "" : aws_sqs_queue.usage_dead_letter[0].arn
    log_retention_days          = var.log_retention_days
    alarm_topic_arn             = var.alarm_topic_arn
  }
}

module "migrating" {
  source   = "./domain"
  for_each = { for name, d in local.domain : name => d if contains(local.migrating_modules, name) }

  module        = each.key
  functions     = each.value.functions
  environment   = each.value.environment
  database_user = each.value.database_user
  permissions   = each.value.permissions
  shared        = local.shared

  depends_on = [aws_db_proxy_target.database, aws_secretsmanager_secret_version.database_login]
}

module "domain" {
  source   = "./domain"
  for_each = { for name, d in local.domain : name => d if !contains(local.migrating_modules, name) }

  module        = each.key
  functions     = each.value.functions
  environment   = each.value.environment
  database_user = each.value.database_user
  permissions   = each.value.permissions
  shared        = local.shared

  depends_on = [module.migrating, aws_sesv2_configuration_set_event_destination.email_feedback]
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}
