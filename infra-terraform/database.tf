# RDS Proxy in front of the existing PostgreSQL database, with its credentials in Secrets Manager.
# Only the functions' security group reaches the proxy; only the proxy is let into the database.

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
  assume_role_policy = data.aws_iam_policy_document.assume["rds.amazonaws.com"].json
}

resource "aws_iam_role_policy" "database_proxy" {
  name = "read-database-secret"
  role = aws_iam_role.database_proxy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadDatabaseSecret"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = [var.database_secret_arn]
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
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = var.database_secret_arn
  }

  depends_on = [aws_iam_role_policy.database_proxy]
}

resource "aws_db_proxy_default_target_group" "database" {
  db_proxy_name = aws_db_proxy.database.name

  connection_pool_config {
    max_connections_percent = 90
  }
}

resource "aws_db_proxy_target" "database" {
  db_proxy_name          = aws_db_proxy.database.name
  target_group_name      = aws_db_proxy_default_target_group.database.name
  db_instance_identifier = var.database_kind == "instance" ? var.database_identifier : null
  db_cluster_identifier  = var.database_kind == "cluster" ? var.database_identifier : null
}
