# The module's functions, each published (SnapStart) under the alias every trigger calls, their log
# group and roles. The module's functions share one role, except that the functions signing tokens
# share another, the only one that reads the private signing keys, and each function run on deploy
# (migrate) has its own, the only one that reads the database's secrets.

locals {
  s = var.shared

  ordinary_functions  = { for name, f in var.functions : name => f if !f.on_deploy && !f.signs_tokens }
  signing_functions   = { for name, f in var.functions : name => f if !f.on_deploy && f.signs_tokens }
  on_deploy_functions = { for name, f in var.functions : name => f if f.on_deploy }

  shared_environment = merge(
    {
      JAVA_TOOL_OPTIONS = local.s.java_tool_options
      DATABASE_URL      = local.s.database_url
      JWT_JWKS          = local.s.jwt_jwks
      JWT_ISSUER        = local.s.jwt_issuer
      JWT_AUDIENCE      = local.s.jwt_audience
      STORAGE_BUCKET    = local.s.bucket_name
    },
    { for name, queue in local.s.queues : "QUEUE_URL_${upper(replace(name, "-", "_"))}" => queue.url }
  )

  # Every function's environment, its own (the root's), and for migrate the users it keeps in step.
  function_environment = {
    for name, f in var.functions : name => merge(
      local.shared_environment,
      var.environment[name],
      f.on_deploy ? { DATABASE_LOGIN_SECRET_ARNS = join(",", local.s.database_login_secret_arns) } : {},
    )
  }

  role_of = {
    for name, f in var.functions : name => f.on_deploy ? aws_iam_role.on_deploy[name].arn : f.signs_tokens ? aws_iam_role.signing[0].arn : aws_iam_role.functions[0].arn
  }

  base_statements = [
    {
      Sid      = "WriteLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${aws_cloudwatch_log_group.module.arn}:*"]
    },
    {
      Sid    = "AttachToVpc"
      Effect = "Allow"
      Action = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]
      Resource = ["*"]
    },
  ]

  # The functions' statements beside the base ones: logging in to the proxy as the module's user, their
  # own bucket prefix, sending to every queue (the outbox may publish anywhere), consuming their own.
  function_statements = concat(
    [
      {
        Sid      = "ConnectToDatabase"
        Effect   = "Allow"
        Action   = ["rds-db:connect"]
        Resource = ["arn:${data.aws_partition.current.partition}:rds-db:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:dbuser:${local.s.database_proxy_resource_id}/${var.database_user}"]
      },
      {
        Sid      = "UseOwnFiles"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
        Resource = ["${local.s.bucket_arn}/${var.module}/*"]
      },
    ],
    length(local.s.queues) == 0 ? [] : [
      {
        Sid      = "SendToQueues"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = [for queue in local.s.queues : queue.arn]
      },
    ],
    # Lambda sends a log batch the logs: function failed every retry to the queue with the function's role.
    length([for f in var.functions : f if f.logs]) == 0 ? [] : [
      {
        Sid      = "KeepFailedLogBatches"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = [local.s.usage_dead_letter_arn]
      },
    ],
  )
}

# What the catalog's module settings add (SamTemplate's DomainStack.moduleStatements): the secrets they
# name; SESv2's SendEmail, authorized on the sending identity and the configuration set; SNS's Publish
# of text messages, which go to phone numbers, not topics: SNS has no resource type and no condition
# key for them, hence "*".
locals {
  module_statements = concat(
    length(var.permissions.secret_arns) == 0 ? [] : [
      {
        Sid      = "ReadModuleSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = var.permissions.secret_arns
      },
    ],
    var.permissions.email == null ? [] : [
      {
        Sid    = "SendEmail"
        Effect = "Allow"
        Action = ["ses:SendEmail"]
        Resource = [
          "arn:${data.aws_partition.current.partition}:ses:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:identity/${var.permissions.email.identity}",
          "arn:${data.aws_partition.current.partition}:ses:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:configuration-set/${var.permissions.email.configuration_set}",
        ]
      },
    ],
    var.permissions.sms ? [
      {
        Sid      = "SendSms"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = ["*"]
      },
    ] : [],
  )
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "module" {
  name              = "/aws/lambda/${local.s.stack_name}/${var.module}"
  retention_in_days = local.s.log_retention_days
}

data "aws_iam_policy_document" "assume" {
  for_each = toset(["lambda.amazonaws.com", "apigateway.amazonaws.com", "scheduler.amazonaws.com"])

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.key]
    }
  }
}

resource "aws_iam_role" "functions" {
  count              = length(local.ordinary_functions) == 0 ? 0 : 1
  name               = "${local.s.stack_name}-${var.module}-functions"
  assume_role_policy = data.aws_iam_policy_document.assume["lambda.amazonaws.com"].json
}

resource "aws_iam_role_policy" "functions" {
  count = length(local.ordinary_functions) == 0 ? 0 : 1
  name  = "${var.module}-functions"
  role  = aws_iam_role.functions[0].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.base_statements, local.function_statements, local.module_statements, local.consume_statements["ordinary"])
  })
}

resource "aws_iam_role" "signing" {
  count              = length(local.signing_functions) == 0 ? 0 : 1
  name               = "${local.s.stack_name}-${var.module}-signing"
  assume_role_policy = data.aws_iam_policy_document.assume["lambda.amazonaws.com"].json
}

resource "aws_iam_role_policy" "signing" {
  count = length(local.signing_functions) == 0 ? 0 : 1
  name  = "${var.module}-signing-functions"
  role  = aws_iam_role.signing[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.base_statements, local.function_statements, local.module_statements, local.consume_statements["signing"], [
      {
        Sid      = "ReadSigningKeys"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [local.s.jwt_signing_keys_secret_arn]
      },
    ])
  })
}

resource "aws_iam_role" "on_deploy" {
  for_each           = local.on_deploy_functions
  name               = "${local.s.stack_name}-${each.key}-role"
  assume_role_policy = data.aws_iam_policy_document.assume["lambda.amazonaws.com"].json
}

# Logs, network and the database's secrets: nothing a public function needs. migrate writes a module
# user's password into its secret when the secret has none yet.
resource "aws_iam_role_policy" "on_deploy" {
  for_each = local.on_deploy_functions
  name     = each.key
  role     = aws_iam_role.on_deploy[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.base_statements, [
      {
        Sid      = "ReadDatabaseSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
        Resource = concat([local.s.database_secret_arn], local.s.database_login_secret_arns)
      },
    ])
  })
}

locals {
  consume_statements = {
    for kind, these in { ordinary = local.ordinary_functions, signing = local.signing_functions } : kind =>
    length([for f in these : f if f.sqs != null]) == 0 ? [] : [
      {
        Sid      = "ConsumeOwnQueues"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
        Resource = distinct([for f in these : local.s.queues[f.sqs.queue].arn if f.sqs != null])
      },
    ]
  }
}

resource "aws_lambda_function" "function" {
  for_each                       = var.functions
  function_name                  = "${local.s.stack_name}-${each.key}"
  description                    = each.value.handler
  role                           = local.role_of[each.key]
  runtime                        = "java21"
  architectures                  = ["arm64"]
  handler                        = local.s.handler
  filename                       = "${local.s.artifact_dir}/${var.module}/target/${var.module}-aws.jar"
  source_code_hash               = filebase64sha256("${local.s.artifact_dir}/${var.module}/target/${var.module}-aws.jar")
  memory_size                    = each.value.memory
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved == null ? -1 : each.value.reserved
  publish                        = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  vpc_config {
    subnet_ids         = local.s.subnet_ids
    security_group_ids = [local.s.security_group_id]
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.module.name
  }

  environment {
    variables = local.function_environment[each.key]
  }

  # Creating a function in a VPC needs the role's network interface permissions already.
  depends_on = [aws_iam_role_policy.functions, aws_iam_role_policy.signing, aws_iam_role_policy.on_deploy]
}

# Every trigger invokes the alias, so it runs the SnapStart-published version. The aliases move to
# new versions only after the on-deploy functions (migrate) have run.
resource "aws_lambda_alias" "live" {
  for_each         = var.functions
  name             = "live"
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version

  depends_on = [aws_lambda_invocation.on_deploy]
}

# Runs whenever the function publishes a new version, which every new artifact does.
resource "aws_lambda_invocation" "on_deploy" {
  for_each      = local.on_deploy_functions
  function_name = aws_lambda_function.function[each.key].function_name
  qualifier     = aws_lambda_function.function[each.key].version
  input         = "{}"

  triggers = {
    version = aws_lambda_function.function[each.key].version
  }
}
