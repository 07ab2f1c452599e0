"""Prints how many resources a SAM template holds once the SAM transform has expanded it.

Usage: python3 sam-resource-count.py template.yaml
Local CodeUri paths become S3 locations first: the transform accepts nothing else, and the
path does not change what it makes.
"""
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template names no AWS managed policies, so the transform needs none looked up."""

    def load(self):
        return {}


with open(sys.argv[1]) as f:
    template = yaml_parse(f.read())
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://artifacts/" + resource["Properties"]["CodeUri"]
expanded = transform(template, {}, NoManagedPolicies())
print(len(expanded["Resources"]))
