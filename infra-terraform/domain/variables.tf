variable "module" {
  description = "The catalog module this instance deploys."
  type        = string
}

variable "environment" {
  description = "Each function's own environment (the root's local.function_environment): what it adds to every function's."
  type        = map(map(string))
}

variable "functions" {
  description = "The module's functions, as the root's local.functions reads them from the catalog."
  type        = any
}

variable "database_user" {
  description = "The PostgreSQL user the module's functions log in as."
  type        = string
}

variable "shared" {
  description = "What the root stack shares with every module: names, network, database, queues, bucket, API, settings."
  type        = any
}

variable "permissions" {
  description = "What the module's roles may do beside what every module's may (the root's local.module_permissions): {secret_arns, email = {identity, configuration_set} or null, sms}."
  type        = any
}
