"""An IAM user "reader" allowed s3:GetObject on bench/* by an inline policy, and an S3 client
signing with its key: a request signed by a key whose secret is sealed in the catalogue and
whose policy the Authorizer judges, unlike the root key's. Used by scripts/bench-*.sh."""
import boto3
from botocore.config import Config

POLICY = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", '
          '"Resource": "arn:aws:s3:::bench/*"}]}')


def reader_client(endpoint, root_key, root_secret):
    # no retries: on a loaded machine a retried CreateUser or CreateAccessKey meets its own first try
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id=root_key, aws_secret_access_key=root_secret,
                       config=Config(read_timeout=300, retries={"total_max_attempts": 1}))
    iam.create_user(UserName="reader")
    iam.put_user_policy(UserName="reader", PolicyName="get", PolicyDocument=POLICY)
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"],
                        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
