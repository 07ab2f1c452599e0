# One Lambda function per catalog entry, one role and one log group per domain module.

locals {
  handler           = "dev.saaskit.shared.runtime.LambdaHandler::handleRequest"
  java_tool_options = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-FlightRecorder"

  shared_environment = merge(
    {
      JAVA_TOOL_OPTIONS   = local.java_tool_options
      DATABASE_URL        = "jdbc:postgresql://${aws_db_proxy.database.endpoint}:5432/${var.database_name}?sslmode=require"
      DATABASE_USER       = var.database_user
      DATABASE_SECRET_ARN = var.database_secret_arn
      JWT_JWKS            = var.jwt_jwks
      JWT_ISSUER          = var.jwt_issuer
      JWT_AUDIENCE        = var.jwt_audience
      STORAGE_BUCKET      = aws_s3_bucket.files.bucket
    },
    { for name, queue in aws_sqs_queue.queue : "QUEUE_URL_${upper(replace(name, "-", "_"))}" => queue.url }
  )

  # What each function adds to the shared environment: its module's initializer, its bean and, in
  # modules that sign tokens, the secret of the private signing keys.
  function_environment = {
    for name, f in local.functions : name => merge(
      {
        MAIN_CLASS                       = local.modules[f.module].initializer
        SPRING_CLOUD_FUNCTION_DEFINITION = f.bean
      },
      contains(local.signing_modules, f.module) ? { JWT_SIGNING_KEYS_SECRET_ARN = var.jwt_signing_keys_secret_arn } : {},
    )
  }
}

resource "aws_cloudwatch_log_group" "module" {
  for_each          = local.modules
  name              = "/aws/lambda/${var.stack_name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "module" {
  for_each           = local.modules
  name               = "${var.stack_name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume["lambda.amazonaws.com"].json
}

# Only what the module's functions use: their log group, the network interfaces of the VPC, the
# database secret, the signing keys' secret if they sign tokens, their own bucket prefix, sending to
# any queue and consuming their own queues.
resource "aws_iam_role_policy" "module" {
  for_each = local.modules
  name     = "${each.key}-functions"
  role     = aws_iam_role.module[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "WriteLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = ["${aws_cloudwatch_log_group.module[each.key].arn}:*"]
        },
        {
          Sid    = "AttachToVpc"
          Effect = "Allow"
          Action = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]
          Resource = ["*"]
        },
        {
          Sid      = "ReadDatabaseSecret"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue"]
          Resource = [var.database_secret_arn]
        },
      ],
      contains(local.signing_modules, each.key) ? [
        {
          Sid      = "ReadSigningKeys"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue"]
          Resource = [var.jwt_signing_keys_secret_arn]
        },
      ] : [],
      [
        {
          Sid      = "UseOwnFiles"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          Resource = ["${aws_s3_bucket.files.arn}/${each.key}/*"]
        },
      ],
      length(local.queues) == 0 ? [] : [
        {
          Sid      = "SendToQueues"
          Effect   = "Allow"
          Action   = ["sqs:SendMessage"]
          Resource = [for queue in aws_sqs_queue.queue : queue.arn]
        },
      ],
      length([for f in local.queue_consumers : f if f.module == each.key]) == 0 ? [] : [
        {
          Sid      = "ConsumeOwnQueues"
          Effect   = "Allow"
          Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
          Resource = [for f in local.queue_consumers : aws_sqs_queue.queue[f.sqs.queue].arn if f.module == each.key]
        },
      ],
    )
  })
}

data "aws_iam_policy_document" "assume" {
  for_each = toset(["lambda.amazonaws.com", "apigateway.amazonaws.com", "scheduler.amazonaws.com", "rds.amazonaws.com"])

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.key]
    }
  }
}

resource "aws_lambda_function" "function" {
  for_each         = local.functions
  function_name    = "${var.stack_name}-${each.key}"
  description      = each.value.handler
  role             = aws_iam_role.module[each.value.module].arn
  runtime          = "java21"
  architectures    = ["arm64"]
  handler          = local.handler
  filename         = "${var.artifact_dir}/${each.value.module}/target/${each.value.module}-aws.jar"
  source_code_hash = filebase64sha256("${var.artifact_dir}/${each.value.module}/target/${each.value.module}-aws.jar")
  memory_size      = each.value.memory
  timeout          = each.value.timeout
  publish          = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.functions.id]
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.module[each.value.module].name
  }

  environment {
    variables = merge(local.shared_environment, local.function_environment[each.key])
  }

  # Creating a function in a VPC needs the role's network interface permissions already.
  depends_on = [aws_iam_role_policy.module]
}

# Every trigger invokes the alias, so it runs the SnapStart-published version. The aliases move to
# new versions only after the on-deploy functions (migrate) have run.
resource "aws_lambda_alias" "live" {
  for_each         = local.functions
  name             = "live"
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version

  depends_on = [aws_lambda_invocation.on_deploy]
}

# Runs whenever the function publishes a new version, which every new artifact does.
resource "aws_lambda_invocation" "on_deploy" {
  for_each      = local.on_deploy_functions
  function_name = aws_lambda_function.function[each.key].function_name
  qualifier     = aws_lambda_function.function[each.key].version
  input         = "{}"

  triggers = {
    version = aws_lambda_function.function[each.key].version
  }

  depends_on = [aws_db_proxy_target.database]
}

# Failed invocations (Lambda's Errors) plus requests the runtime answered with an internal error
# (its own errors metric): an HTTP function that answers 500 has not failed in Lambda's eyes.
resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each            = local.functions
  alarm_name          = "${var.stack_name}-${each.key}-errors"
  alarm_description   = "${each.key} failed"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]

  metric_query {
    id          = "errors"
    expression  = "FILL(failed_invocations, 0) + FILL(internal_errors, 0)"
    label       = "${each.key} errors"
    return_data = true
  }

  metric_query {
    id = "failed_invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "internal_errors"
    metric {
      namespace   = "SaasKit"
      metric_name = "errors"
      dimensions  = { function = each.key }
      period      = 300
      stat        = "Sum"
    }
  }
}
