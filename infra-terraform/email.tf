# A module that sends email (the catalog's sends_email): its SES configuration set, which publishes
# bounces and complaints to an SNS topic (SES may publish there for this configuration set only),
# which delivers them raw (SES's JSON itself, which RecordEmailFeedback reads) to the module's
# feedback queue (which takes messages from that topic only). Verifying email_identity in SES is the
# operator's.

locals {
  email_configuration_sets = { for name, queue in local.email_modules : name => "${var.stack_name}-${name}" }
}

resource "aws_sesv2_configuration_set" "email" {
  for_each               = local.email_modules
  configuration_set_name = local.email_configuration_sets[each.key]
}

resource "aws_sns_topic" "email_feedback" {
  for_each = local.email_modules
  name     = "${var.stack_name}-${each.key}-email-feedback"
}

resource "aws_sns_topic_policy" "email_feedback" {
  for_each = local.email_modules
  arn      = aws_sns_topic.email_feedback[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "SesPublishes"
        Effect    = "Allow"
        Principal = { Service = "ses.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.email_feedback[each.key].arn
        Condition = {
          StringEquals = {
            "AWS:SourceAccount" = split(":", aws_sesv2_configuration_set.email[each.key].arn)[4]
            "AWS:SourceArn"     = aws_sesv2_configuration_set.email[each.key].arn
          }
        }
      },
    ]
  })
}

resource "aws_sesv2_configuration_set_event_destination" "email_feedback" {
  for_each               = local.email_modules
  configuration_set_name = aws_sesv2_configuration_set.email[each.key].configuration_set_name
  event_destination_name = "bounces-and-complaints"

  event_destination {
    enabled              = true
    matching_event_types = ["BOUNCE", "COMPLAINT"]
    sns_destination {
      topic_arn = aws_sns_topic.email_feedback[each.key].arn
    }
  }

  depends_on = [aws_sns_topic_policy.email_feedback]
}

resource "aws_sns_topic_subscription" "email_feedback" {
  for_each             = local.email_modules
  topic_arn            = aws_sns_topic.email_feedback[each.key].arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.queue[each.value].arn
  raw_message_delivery = true
}

resource "aws_sqs_queue_policy" "email_feedback" {
  for_each  = local.email_modules
  queue_url = aws_sqs_queue.queue[each.value].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "FeedbackTopicSends"
        Effect    = "Allow"
        Principal = { Service = "sns.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.queue[each.value].arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.email_feedback[each.key].arn } }
      },
    ]
  })
}
