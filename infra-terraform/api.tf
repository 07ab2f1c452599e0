# The HTTP API (payload format 2.0) and its stage: per-route throttling from the catalog, an access log
# line per request, and an alarm on 5xx. Each module's routes and integrations are its own (./domain),
# invoked with its own role.

resource "aws_apigatewayv2_api" "api" {
  name          = var.stack_name
  protocol_type = "HTTP"

  cors_configuration {
    allow_origins  = var.allowed_origins
    allow_methods  = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    allow_headers  = ["authorization", "content-type", "idempotency-key"]
    expose_headers = ["x-request-id", "idempotent-replayed", "retry-after"]
    max_age        = 600
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/http-api/${var.stack_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      request_id             = "$context.requestId"
      ip                     = "$context.identity.sourceIp"
      time                   = "$context.requestTime"
      route                  = "$context.routeKey"
      status                 = "$context.status"
      protocol               = "$context.protocol"
      bytes                  = "$context.responseLength"
      latency_ms             = "$context.responseLatency"
      integration_latency_ms = "$context.integrationLatency"
      integration_error      = "$context.integrationErrorMessage"
      user_agent             = "$context.identity.userAgent"
    })
  }

  dynamic "route_settings" {
    for_each = local.throttles
    content {
      route_key              = local.functions[route_settings.key].http.path == "$default" ? "$default" : "${local.functions[route_settings.key].http.method} ${local.functions[route_settings.key].http.path}"
      throttling_rate_limit  = route_settings.value.rate
      throttling_burst_limit = route_settings.value.burst
    }
  }

  # Route settings name routes, which the modules make.
  depends_on = [module.migrating, module.domain]
}

resource "aws_cloudwatch_metric_alarm" "api_errors" {
  alarm_name          = "${var.stack_name}-api-5xx"
  alarm_description   = "The API answered 5 or more 5xx in 5 minutes"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.api.id }
  statistic           = "Sum"
  period              = 300
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 5
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}
