#!/bin/bash
# LocalStack init hook: the catalog's queues with their DLQs and redrive policies, and the bucket,
# as the emulator itself creates them (it does so again on start; both are idempotent).
set -euo pipefail
python3 /etc/localstack/init/ready.d/create_resources.py /etc/saaskit/catalog.yaml
