variable "region" {
  description = "The AWS region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "stack_name" {
  description = "Prefix of every resource name (functions are <stack_name>-<catalog name>); at most 15 characters, so every name stays within AWS's limits."
  type        = string
  default     = "saaskit-dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,14}$", var.stack_name))
    error_message = "stack_name must be 1 to 15 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "catalog_file" {
  description = "The route catalog every function, route, queue and schedule comes from."
  type        = string
  default     = "../functions/catalog.yaml"
}

variable "artifact_dir" {
  description = "Where the domain modules are built: module M's artifact is <artifact_dir>/M/target/M-aws.jar."
  type        = string
  default     = "../functions"
}

variable "vpc_id" {
  description = "The VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two availability zones for the functions and the proxy; they need a route to SQS, Secrets Manager and S3 (NAT gateway or VPC endpoints)."
  type        = list(string)
}

variable "database_security_group_id" {
  description = "The database's security group; the proxy is let in on port 5432."
  type        = string
}

variable "database_identifier" {
  description = "The RDS DB instance or Aurora DB cluster identifier of an existing PostgreSQL database."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,62}$", var.database_identifier))
    error_message = "database_identifier must be an RDS identifier: a letter, then letters, digits and hyphens."
  }
}

variable "database_kind" {
  description = "Whether database_identifier names an instance or a cluster."
  type        = string
  default     = "instance"

  validation {
    condition     = contains(["instance", "cluster"], var.database_kind)
    error_message = "database_kind must be instance or cluster."
  }
}

variable "database_name" {
  description = "The database the platform's schema lives in."
  type        = string
  default     = "saaskit"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lower-case PostgreSQL name."
  }
}

variable "database_secret_arn" {
  description = "Secrets Manager secret of the database's owner {\"username\": ..., \"password\": ...}: the proxy and migrate read it, no other function."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.database_secret_arn))
    error_message = "database_secret_arn must be the ARN of a Secrets Manager secret."
  }
}

variable "jwt_jwks" {
  description = "The public JSON Web Key Set that access tokens are verified with ({\"keys\": [...]})."
  type        = string

  validation {
    condition     = can(jsondecode(var.jwt_jwks).keys)
    error_message = "jwt_jwks must be a JSON Web Key Set: {\"keys\": [...]}."
  }
}

variable "jwt_signing_keys_secret_arn" {
  description = "Secrets Manager secret holding the private JSON Web Key Set access tokens are signed with ({\"keys\": [...]}); only the functions with signs_tokens read it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.jwt_signing_keys_secret_arn))
    error_message = "jwt_signing_keys_secret_arn must be the ARN of a Secrets Manager secret."
  }
}

variable "jwt_issuer" {
  description = "The iss of access tokens; empty: the stack's name."
  type        = string
  default     = ""
}

variable "jwt_audience" {
  description = "The aud of access tokens; empty: the stack's name followed by -api."
  type        = string
  default     = ""
}

variable "allowed_origins" {
  description = "Browser origins allowed to call the API and to upload files, e.g. [\"https://app.example.com\"]."
  type        = list(string)
}

variable "log_retention_days" {
  description = "How long function logs are kept."
  type        = number
  default     = 30
}

variable "alarm_topic_arn" {
  description = "SNS topic the alarms notify; empty: alarms only show in CloudWatch."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_topic_arn == "" || can(regex("^arn:aws[a-z-]*:sns:", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be empty or the ARN of an SNS topic."
  }
}

variable "module_parameters" {
  description = "The values of the parameters the catalog's module settings name (functions/catalog.yaml, modules.<m>.settings), by parameter name, e.g. app_url or stripe_api_key_secret_arn; a parameter with a default may be left out."
  type        = map(string)
  default     = {}
}

variable "email_identity" {
  description = "The SES identity the modules that send email (the catalog's sends_email) send from: a domain (example.com) or an address, verified in SES in this region beforehand."
  type        = string
  default     = ""
}
