# What calls the module's functions: its routes on the shared API (invoked through a role of the
# module's that may invoke exactly their aliases), its queue mappings, its schedules and CloudWatch
# Logs for the logs: function.

locals {
  http_functions      = { for name, f in var.functions : name => f if f.http != null }
  queue_consumers     = { for name, f in var.functions : name => f if f.sqs != null }
  scheduled_functions = { for name, f in var.functions : name => f if f.schedule != null }
  logs_functions      = { for name, f in var.functions : name => f if f.logs }

  # EventBridge's "Scheduled Event", which the runtime's schedule binding reads; Scheduler fills in the placeholders.
  scheduled_event = jsonencode({
    version       = "0"
    id            = "<aws.scheduler.execution-id>"
    "detail-type" = "Scheduled Event"
    source        = "aws.scheduler"
    time          = "<aws.scheduler.scheduled-time>"
    resources     = ["<aws.scheduler.schedule-arn>"]
    detail        = {}
  })
}

resource "aws_iam_role" "api" {
  count              = length(local.http_functions) == 0 ? 0 : 1
  name               = "${local.s.stack_name}-${var.module}-api"
  assume_role_policy = data.aws_iam_policy_document.assume["apigateway.amazonaws.com"].json
}

resource "aws_iam_role_policy" "api" {
  count = length(local.http_functions) == 0 ? 0 : 1
  name  = "invoke-functions"
  role  = aws_iam_role.api[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InvokeFunctions"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = [for name, f in local.http_functions : aws_lambda_alias.live[name].arn]
    }]
  })
}

resource "aws_apigatewayv2_integration" "function" {
  for_each               = local.http_functions
  api_id                 = local.s.api_id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live[each.key].invoke_arn
  payload_format_version = "2.0"
  credentials_arn        = aws_iam_role.api[0].arn
}

resource "aws_apigatewayv2_route" "function" {
  for_each  = local.http_functions
  api_id    = local.s.api_id
  route_key = each.value.http.path == "$default" ? "$default" : "${each.value.http.method} ${each.value.http.path}"
  target    = "integrations/${aws_apigatewayv2_integration.function[each.key].id}"
}

resource "aws_lambda_event_source_mapping" "queue" {
  for_each                           = local.queue_consumers
  event_source_arn                   = local.s.queues[each.value.sqs.queue].arn
  function_name                      = aws_lambda_alias.live[each.key].arn
  batch_size                         = each.value.sqs.batch_size
  maximum_batching_window_in_seconds = each.value.sqs.batching_window
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = each.value.sqs.max_concurrency
  }

  lifecycle {
    precondition {
      condition     = local.s.queues[each.value.sqs.queue].visibility_timeout >= 6 * each.value.timeout + each.value.sqs.batching_window
      error_message = "function '${each.key}': queue '${each.value.sqs.queue}' has a visibility_timeout below 6 times the function's timeout plus its batching window; SQS would hand a message to a second consumer while the first still works on it."
    }
  }
}

resource "aws_scheduler_schedule_group" "module" {
  count = length(local.scheduled_functions) == 0 ? 0 : 1
  name  = "${local.s.stack_name}-${var.module}"
}

resource "aws_scheduler_schedule" "function" {
  for_each            = local.scheduled_functions
  name                = "${local.s.stack_name}-${each.key}"
  group_name          = aws_scheduler_schedule_group.module[0].name
  schedule_expression = each.value.schedule

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live[each.key].arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = local.scheduled_event

    # A failed run is tried twice more within 10 minutes, then sent to the schedules' dead-letter queue.
    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 600
    }

    dead_letter_config {
      arn = local.s.schedule_dead_letter_arn
    }
  }
}

resource "aws_iam_role" "scheduler" {
  count              = length(local.scheduled_functions) == 0 ? 0 : 1
  name               = "${local.s.stack_name}-${var.module}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume["scheduler.amazonaws.com"].json
}

resource "aws_iam_role_policy" "scheduler" {
  count = length(local.scheduled_functions) == 0 ? 0 : 1
  name  = "invoke-functions"
  role  = aws_iam_role.scheduler[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "InvokeFunctions"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = [for name, f in local.scheduled_functions : aws_lambda_alias.live[name].arn]
      },
      {
        Sid      = "SendFailedRuns"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = [local.s.schedule_dead_letter_arn]
      },
    ]
  })
}

# The logs: function: CloudWatch Logs invokes its alias asynchronously with each batch of the root's
# subscription filters, for the platform's log groups only. A failed batch is tried twice more, then
# kept in the usage dead-letter queue.
resource "aws_lambda_permission" "logs" {
  for_each       = local.logs_functions
  statement_id   = "invoke-from-platform-logs"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.function[each.key].function_name
  qualifier      = aws_lambda_alias.live[each.key].name
  principal      = "logs.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
  source_arn     = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${local.s.stack_name}/*"
}

resource "aws_lambda_function_event_invoke_config" "logs" {
  for_each                     = local.logs_functions
  function_name                = aws_lambda_function.function[each.key].function_name
  qualifier                    = aws_lambda_alias.live[each.key].name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 6 * 3600

  destination_config {
    on_failure {
      destination = local.s.usage_dead_letter_arn
    }
  }
}
