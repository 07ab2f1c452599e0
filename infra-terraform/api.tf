# The HTTP API: one route per HTTP function of the catalog ($default included), payload format 2.0.
# API Gateway invokes the aliases through one role instead of a permission per function.

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

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "function" {
  for_each               = local.http_functions
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live[each.key].invoke_arn
  payload_format_version = "2.0"
  credentials_arn        = aws_iam_role.api.arn
}

resource "aws_apigatewayv2_route" "function" {
  for_each  = local.http_functions
  api_id    = aws_apigatewayv2_api.api.id
  route_key = each.value.http.path == "$default" ? "$default" : "${each.value.http.method} ${each.value.http.path}"
  target    = "integrations/${aws_apigatewayv2_integration.function[each.key].id}"
}

resource "aws_iam_role" "api" {
  name               = "${var.stack_name}-api"
  assume_role_policy = data.aws_iam_policy_document.assume["apigateway.amazonaws.com"].json
}

resource "aws_iam_role_policy" "api" {
  name = "invoke-functions"
  role = aws_iam_role.api.id
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
