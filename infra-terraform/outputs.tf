output "api_url" {
  description = "The API's base URL."
  value       = aws_apigatewayv2_api.api.api_endpoint
}

output "queue_urls" {
  description = "The URL of each catalog queue."
  value       = { for name, queue in aws_sqs_queue.queue : name => queue.url }
}

output "bucket_name" {
  description = "The bucket of files and exports."
  value       = aws_s3_bucket.files.bucket
}

output "database_proxy_endpoint" {
  description = "Where the functions reach PostgreSQL."
  value       = aws_db_proxy.database.endpoint
}
