"""boto3 upload_file / download_file with small parts and several threads against Coffer.

Usage: boto3_transfer.py ENDPOINT BUCKET ACCESS_KEY SECRET_KEY WORKDIR SIZE_MIB
Writes a file of SIZE_MIB MiB (plus 17 bytes), uploads it with 5 MiB parts on 8 threads,
downloads it the same way, and compares the bytes; prints the object's ETag and "OK".
"""
import hashlib
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

endpoint, bucket, access, secret, workdir, size_mib = sys.argv[1:7]
MIB = 1024 * 1024
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=access,
                  aws_secret_access_key=secret, config=Config(s3={"addressing_style": "path"}))
config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB, max_concurrency=8)

source = os.path.join(workdir, "boto3-source.bin")
with open(source, "wb") as f:
    for i in range(int(size_mib)):
        f.write(hashlib.sha512(str(i).encode()).digest() * (MIB // 64))
    f.write(b"seventeen bytes!!")

s3.upload_file(source, bucket, "boto3/object.bin", Config=config)
head = s3.head_object(Bucket=bucket, Key="boto3/object.bin")
parts = -(-os.path.getsize(source) // (5 * MIB))
assert head["ETag"].endswith('-%d"' % parts), head["ETag"]
assert head["ContentLength"] == os.path.getsize(source)

target = os.path.join(workdir, "boto3-target.bin")
s3.download_file(bucket, "boto3/object.bin", target, Config=config)


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MIB), b""):
            h.update(block)
    return h.hexdigest()


assert digest(source) == digest(target), "downloaded bytes differ"
print(head["ETag"])
print("OK")
