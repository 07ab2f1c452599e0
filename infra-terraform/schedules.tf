# EventBridge Scheduler invokes each scheduled function's alias with EventBridge's "Scheduled Event"
# shape, which the runtime's schedule binding reads; Scheduler fills in the placeholders.

locals {
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

resource "aws_scheduler_schedule" "function" {
  for_each            = local.scheduled_functions
  name                = "${var.stack_name}-${each.key}"
  schedule_expression = each.value.schedule

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live[each.key].arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = local.scheduled_event
  }
}

resource "aws_iam_role" "scheduler" {
  count              = length(local.scheduled_functions) == 0 ? 0 : 1
  name               = "${var.stack_name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume["scheduler.amazonaws.com"].json
}

resource "aws_iam_role_policy" "scheduler" {
  count = length(local.scheduled_functions) == 0 ? 0 : 1
  name  = "invoke-functions"
  role  = aws_iam_role.scheduler[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InvokeFunctions"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = [for name, f in local.scheduled_functions : aws_lambda_alias.live[name].arn]
    }]
  })
}
