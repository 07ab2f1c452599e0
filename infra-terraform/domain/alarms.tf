# One alarm per function on what needs a look: failed invocations (Lambda's Errors), requests the
# runtime answered with an internal error (its own errors metric: an HTTP function that answers 500 has
# not failed in Lambda's eyes), throttled invocations, and a run that came within 10% of its timeout.
# And one on the module's schedule runs that failed every retry or were dropped.

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = var.functions
  alarm_name          = "${local.s.stack_name}-${each.key}"
  alarm_description   = "${each.key} failed, was throttled or came near its timeout of ${each.value.timeout} s"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.s.alarm_topic_arn == "" ? [] : [local.s.alarm_topic_arn]

  metric_query {
    id          = "problems"
    expression  = "FILL(failed, 0) + FILL(internal_errors, 0) + FILL(throttles, 0) + IF(FILL(longest, 0) > ${floor(each.value.timeout * 900)}, 1, 0)"
    label       = "${each.key} problems"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = {
      failed          = { namespace = "AWS/Lambda", metric = "Errors", dimensions = { FunctionName = aws_lambda_function.function[each.key].function_name }, stat = "Sum" }
      internal_errors = { namespace = "SaasKit", metric = "errors", dimensions = { function = each.key }, stat = "Sum" }
      throttles       = { namespace = "AWS/Lambda", metric = "Throttles", dimensions = { FunctionName = aws_lambda_function.function[each.key].function_name }, stat = "Sum" }
      longest         = { namespace = "AWS/Lambda", metric = "Duration", dimensions = { FunctionName = aws_lambda_function.function[each.key].function_name }, stat = "Maximum" }
    }
    content {
      id = metric_query.key
      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.metric
        dimensions  = metric_query.value.dimensions
        period      = 300
        stat        = metric_query.value.stat
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "schedules_failed" {
  count               = length(local.scheduled_functions) == 0 ? 0 : 1
  alarm_name          = "${local.s.stack_name}-${var.module}-schedules-failed"
  alarm_description   = "Runs of ${var.module}'s schedules that failed every retry (in the schedules' dead-letter queue) or were dropped"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.s.alarm_topic_arn == "" ? [] : [local.s.alarm_topic_arn]

  metric_query {
    id          = "failed"
    expression  = "FILL(dead_letters, 0) + FILL(dropped, 0)"
    label       = "failed schedule runs"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { dead_letters = "InvocationsSentToDeadLetterCount", dropped = "InvocationDroppedCount" }
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/Scheduler"
        metric_name = metric_query.value
        dimensions  = { ScheduleGroup = aws_scheduler_schedule_group.module[0].name }
        period      = 300
        stat        = "Sum"
      }
    }
  }
}
