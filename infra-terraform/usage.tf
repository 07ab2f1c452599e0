# Usage analytics: every module's log group hands the runtime's invocation records to the catalog's
# logs: function (audit's ingest-usage), which stores them in request_records; nothing on the request
# path. The filter leaves out the receiver's own records, whose delivery would invoke it again without
# end. Each filter waits for every module's instance: its log group and the receiver with its
# permission exist first. Batches the receiver failed every retry wait in a queue, with an alarm.

resource "aws_cloudwatch_log_subscription_filter" "usage" {
  for_each        = toset(local.logs_receiver == null ? [] : keys(local.modules))
  name            = "${var.stack_name}-usage"
  log_group_name  = "/aws/lambda/${var.stack_name}/${each.key}"
  filter_pattern  = "{ ($.event = \"invocation\") && ($.function != \"${local.logs_receiver}\") }"
  destination_arn = merge([for instance in merge(module.migrating, module.domain) : instance.aliases]...)[local.logs_receiver]

  depends_on = [module.migrating, module.domain]
}

resource "aws_sqs_queue" "usage_dead_letter" {
  count                     = local.logs_receiver == null ? 0 : 1
  name                      = "${var.stack_name}-usage-dlq"
  message_retention_seconds = 14 * 24 * 3600
  sqs_managed_sse_enabled   = true
}

resource "aws_cloudwatch_metric_alarm" "usage_dead_letter" {
  count               = local.logs_receiver == null ? 0 : 1
  alarm_name          = "${var.stack_name}-usage-dead-letters"
  alarm_description   = "Log batches ${local.logs_receiver} failed every retry wait in the usage dead-letter queue"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.usage_dead_letter[0].name }
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}
