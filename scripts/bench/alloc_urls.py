"""Prepares a fresh server for scripts/bench-get-alloc.sh's cases and prints one "case url" line each: get4k (a
presigned GET of a 4 KiB object), head4k (a presigned HEAD of it), list1k (a presigned ListObjectsV2 of a
1,000-key page: bucket "list" holds 1,000 keys of 1 byte), and put4k (a file of 256 presigned PUT paths, for
scripts/bench/put-keys.lua, whose name is printed). CASES (argv[3]) says which to prepare.
Usage: python3 scripts/bench/alloc_urls.py PORT WORKDIR "CASES" (root key BENCHKEY/BENCHSECRET)."""
import sys, concurrent.futures, boto3
from botocore.config import Config

port, work, cases = sys.argv[1], sys.argv[2], sys.argv[3].split()
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, max_pool_connections=8))
sign = lambda op, **p: s3.generate_presigned_url(op, Params=p, ExpiresIn=7200)
s3.create_bucket(Bucket="bench")
s3.put_object(Bucket="bench", Key="get4k", Body=bytes(range(256)) * 16)
if "get4k" in cases:
    print("get4k", sign("get_object", Bucket="bench", Key="get4k"))
if "head4k" in cases:
    print("head4k", sign("head_object", Bucket="bench", Key="get4k"))
if "list1k" in cases:
    s3.create_bucket(Bucket="list")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: s3.put_object(Bucket="list", Key=f"dir/key-{i:06d}", Body=b"x"), range(1000)))
    print("list1k", sign("list_objects_v2", Bucket="list", MaxKeys=1000))
if "put4k" in cases:
    with open(f"{work}/put4k-paths", "w") as paths:  # 256 keys: distinct keys' synced writes group-commit
        for i in range(256):
            paths.write(sign("put_object", Bucket="bench", Key=f"put4k/{i}.bin").split(str(port), 1)[1] + "\n")
    print("put4k", f"{work}/put4k-paths")
