terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region

  # Cost-allocation tags on every resource; activate them in the Billing console to see each stack's costs.
  default_tags {
    tags = {
      project = "saaskit"
      stack   = var.stack_name
    }
  }
}
