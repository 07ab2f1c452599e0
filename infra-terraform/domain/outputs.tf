output "function_names" {
  description = "The module's Lambda functions, by catalog name."
  value       = { for name, f in aws_lambda_function.function : name => f.function_name }
}
