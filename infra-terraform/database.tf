# RDS Proxy in front of the existing PostgreSQL database. Each module's functions log in to it as the
# module's database user with an IAM token (IAM authentication required); the proxy logs in to the
# database with that user's password from the user's secret. The owner's secret, with password
# authentication, is migrate's. Only the functions' security group reaches the proxy; only the proxy is
# let into the database.

resource "aws_security_group" "functions" {
  name        = "${var.stack_name}-functions"
  description = "saaskit functions"
  vpc_id      = var.vpc_id

  egress {
    description = "PostgreSQL through the proxy, and the AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "database_proxy" {
  name        = "${var.stack_name}-database-proxy"
  description = "saaskit database proxy: PostgreSQL from the functions"
  vpc_id      = var.vpc_id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.functions.id]
  }

  egress {
    description = "The database"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "database_from_proxy" {
  type                     = "ingress"
  security_group_id        = var.database_security_group_id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.database_proxy.id
}

resource "aws_iam_role" "database_proxy" {
  name               = "${var.stack_name}-database-proxy"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# Each module's database user's password. Terraform stores no password: the secret starts with an
# empty one, and migrate, which creates the user, generates it and writes it here once.
resource "aws_secretsmanager_secret" "database_login" {
  for_each    = local.modules
  name        = "${var.stack_name}/database/${each.key}"
  description = "The password of ${local.database_users[each.key]}, which module ${each.key}'s functions log in to the database proxy as (with an IAM token); migrate sets it"
}

resource "aws_secretsmanager_secret_version" "database_login" {
  for_each      = local.modules
  secret_id     = aws_secretsmanager_secret.database_login[each.key].id
  secret_string = jsonencode({ username = local.database_users[each.key], password = "" })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_iam_role_policy" "database_proxy" {
  name = "read-database-secrets"
  role = aws_iam_role.database_proxy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadDatabaseSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = concat([var.database_secret_arn], [for secret in aws_secretsmanager_secret.database_login : secret.arn])
    }]
  })
}

resource "aws_db_proxy" "database" {
  name                   = var.stack_name
  engine_family          = "POSTGRESQL"
  require_tls            = true
  idle_client_timeout    = 1800
  role_arn               = aws_iam_role.database_proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.database_proxy.id]

  auth {
    description = "the owner, for migrate"
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = var.database_secret_arn
  }

  dynamic "auth" {
    for_each = local.modules
    content {
      description = "module ${auth.key}"
      auth_scheme = "SECRETS"
      iam_auth    = "REQUIRED"
      secret_arn  = aws_secretsmanager_secret.database_login[auth.key].arn
    }
  }

  depends_on = [aws_iam_role_policy.database_proxy]
}

resource "aws_db_proxy_default_target_group" "database" {
  db_proxy_name = aws_db_proxy.database.name

  # A request waiting for a database connection gives up well before its function's timeout.
  connection_pool_config {
    max_connections_percent   = 90
    connection_borrow_timeout = local.borrow_timeout
  }
}

resource "aws_db_proxy_target" "database" {
  db_proxy_name          = aws_db_proxy.database.name
  target_group_name      = aws_db_proxy_default_target_group.database.name
  db_instance_identifier = var.database_kind == "instance" ? var.database_identifier : null
  db_cluster_identifier  = var.database_kind == "cluster" ? var.database_identifier : null
}

locals {
  # arn:aws:rds:<region>:<account>:db-proxy:prx-...: IAM database authentication names the proxy by its resource id.
  database_proxy_resource_id = element(split(":", aws_db_proxy.database.arn), 6)
  database_url               = "jdbc:postgresql://${aws_db_proxy.database.endpoint}:5432/${var.database_name}?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"
}
