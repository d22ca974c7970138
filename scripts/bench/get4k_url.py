"""Makes bucket "bench" with a 4 KiB object "get4k" on a fresh server and prints a presigned GET URL for it.
Usage: python3 scripts/bench/get4k_url.py PORT (root key BENCHKEY/BENCHSECRET, as the bench scripts start the jar)."""
import os, sys, boto3
from botocore.config import Config

port = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
s3.put_object(Bucket="bench", Key="get4k", Body=os.urandom(4096))
print(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200))
