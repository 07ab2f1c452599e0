"""Creates the catalog's SQS queues (each with <name>-dlq and a redrive policy after the consumer's
max_receives) and the bucket, on the endpoint in AWS_ENDPOINT_URL (LocalStack's own by default).

Usage: create_resources.py path/to/catalog.yaml
"""
import json
import os
import sys

import boto3
import yaml

endpoint = os.environ.get("AWS_ENDPOINT_URL", "http://localhost:4566")
region = os.environ.get("AWS_REGION", os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
prefix = os.environ.get("QUEUE_NAME_PREFIX", "")
bucket = os.environ.get("STORAGE_BUCKET", "saaskit-local")
credentials = {"aws_access_key_id": os.environ.get("AWS_ACCESS_KEY_ID", "test"),
               "aws_secret_access_key": os.environ.get("AWS_SECRET_ACCESS_KEY", "test")}

with open(sys.argv[1]) as f:
    catalog = yaml.safe_load(f)

sqs = boto3.client("sqs", endpoint_url=endpoint, region_name=region, **credentials)
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region, **credentials)


def create(name, attributes):
    try:
        return sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    except sqs.exceptions.QueueNameExists:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
        return url


for name, spec in (catalog.get("queues") or {}).items():
    spec = spec or {}
    consumers = [f["sqs"] for f in catalog.get("functions", []) if "sqs" in f and f["sqs"].get("queue") == name]
    max_receives = consumers[0].get("max_receives", 5) if consumers else 5
    dlq_url = create(prefix + name + "-dlq", {"MessageRetentionPeriod": str(14 * 86400)})
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    create(prefix + name, {
        "VisibilityTimeout": str(spec.get("visibility_timeout", 60)),
        "MessageRetentionPeriod": str(spec.get("retention_days", 4) * 86400),
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receives)}),
    })
    print(f"queue {prefix}{name} (DLQ {prefix}{name}-dlq after {max_receives} receives)")

try:
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
except (s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
    pass
print(f"bucket {bucket}")
