# Each catalog queue with its dead-letter queue <name>-dlq, and the consumers' event source mappings.

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

resource "aws_lambda_event_source_mapping" "queue" {
  for_each                           = local.queue_consumers
  event_source_arn                   = aws_sqs_queue.queue[each.value.sqs.queue].arn
  function_name                      = aws_lambda_alias.live[each.key].arn
  batch_size                         = each.value.sqs.batch_size
  maximum_batching_window_in_seconds = each.value.sqs.batching_window
  function_response_types            = ["ReportBatchItemFailures"]

  lifecycle {
    precondition {
      condition     = local.queues[each.value.sqs.queue].visibility_timeout >= each.value.timeout
      error_message = "function '${each.key}': queue '${each.value.sqs.queue}' has a visibility_timeout shorter than the function's timeout; SQS would hand a message to a second consumer while the first still works on it."
    }
  }
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
