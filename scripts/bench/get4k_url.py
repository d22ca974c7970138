"""Makes bucket "bench" with a 4 KiB object "get4k" (and, given SIZE, an object "get1m" of SIZE bytes) on a fresh
server and prints a presigned GET URL for get4k, or for get1m when SIZE is given.
Usage: python3 scripts/bench/get4k_url.py PORT [SIZE] (root key BENCHKEY/BENCHSECRET, as the bench scripts start the jar)."""
import os, sys, boto3
from botocore.config import Config

port = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
try:
    s3.create_bucket(Bucket="bench")
except s3.exceptions.BucketAlreadyOwnedByYou:  # a second call, for the SIZE object
    pass
s3.put_object(Bucket="bench", Key="get4k", Body=os.urandom(4096))
key = "get4k"
if len(sys.argv) > 2:
    key = "get1m"
    s3.put_object(Bucket="bench", Key=key, Body=os.urandom(int(sys.argv[2])))
print(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": key}, ExpiresIn=7200))
