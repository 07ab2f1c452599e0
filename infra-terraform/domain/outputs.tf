output "function_names" {
  description = "The module's Lambda functions, by catalog name."
  value       = { for name, f in aws_lambda_function.function : name => f.function_name }
}

output "aliases" {
  description = "The ARN of the alias every trigger calls, by catalog name."
  value       = { for name, alias in aws_lambda_alias.live : name => alias.arn }
}
