# Each catalog queue with its dead-letter queue <name>-dlq (kept longer than the queue), alarms on
# both, and the dead-letter queue of schedule runs that failed every retry. The consumers' event source
# mappings are their modules' (./domain).

resource "aws_sqs_queue" "dead_letter" {
  for_each                  = local.queues
  name                      = "${var.stack_name}-${each.key}-dlq"
  message_retention_seconds = 14 * 24 * 3600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "queue" {
  for_each                   = local.queues
  name                       = "${var.stack_name}-${each.key}"
  visibility_timeout_seconds = each.value.visibility_timeout
  message_retention_seconds  = each.value.retention_days * 24 * 3600
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = local.max_receives[each.key]
  })
}

resource "aws_cloudwatch_metric_alarm" "dead_letter" {
  for_each            = local.queues
  alarm_name          = "${var.stack_name}-${each.key}-dead-letters"
  alarm_description   = "Messages of ${each.key} that failed every receive wait in ${each.key}-dlq"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dead_letter[each.key].name }
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "queue_age" {
  for_each            = local.queues
  alarm_name          = "${var.stack_name}-${each.key}-age"
  alarm_description   = "The oldest message of ${each.key} has waited too long: its consumer is stuck or too slow"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.queue[each.key].name }
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = max(900, 2 * each.value.visibility_timeout)
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}

resource "aws_sqs_queue" "schedule_dead_letter" {
  count                     = length(local.scheduled_functions) == 0 ? 0 : 1
  name                      = "${var.stack_name}-schedules-dlq"
  message_retention_seconds = 14 * 24 * 3600
  sqs_managed_sse_enabled   = true
}

resource "aws_cloudwatch_metric_alarm" "schedule_dead_letter" {
  count               = length(local.scheduled_functions) == 0 ? 0 : 1
  alarm_name          = "${var.stack_name}-schedules-dead-letters"
  alarm_description   = "Schedule runs that failed every retry wait in the schedules' dead-letter queue"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.schedule_dead_letter[0].name }
  statistic           = "Maximum"
  period              = 300
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}
