"""Drives a Coffer endpoint with boto3 at its defaults (only the signature version may be chosen).

Usage: boto3_client.py ENDPOINT BUCKET SIGNATURE_VERSION
  SIGNATURE_VERSION: "default" (SigV4, boto3's own choice) or "s3" (legacy Signature V2).
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Prints one line per check and
exits non-zero on the first failure.
"""
import hashlib
import http.client
import os
import sys
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import MissingDependencyException

endpoint, bucket, version = sys.argv[1], sys.argv[2], sys.argv[3]
config = Config(signature_version=version) if version != "default" else None
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=config)
sent = []
s3.meta.events.register("before-send.s3", lambda request, **kw: sent.append(dict(request.headers)))


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def mode():
    h = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in sent[-1].items()}
    auth = h.get("authorization", "")
    return "%s %s trailer=%s" % (auth.split(" ")[0], h.get("x-amz-content-sha256", "-"), h.get("x-amz-trailer", "-"))


small = os.urandom(1024)
large = os.urandom(5 * 1024 * 1024)
for name, body in (("small", small), ("large", large)):
    s3.put_object(Bucket=bucket, Key=name, Body=body)
    print("put %s sent as %s" % (name, mode()))
    got = s3.get_object(Bucket=bucket, Key=name, ChecksumMode="ENABLED")
    check(got["Body"].read() == body, "get %s returns the bytes" % name)
    head = s3.head_object(Bucket=bucket, Key=name)
    check(head["ContentLength"] == len(body), "head %s has its length" % name)
    check(head["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "head %s has its MD5 ETag" % name)

if version == "default":
    for algorithm in ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"):
        key = "algo-" + algorithm
        try:
            s3.put_object(Bucket=bucket, Key=key, Body=small, ChecksumAlgorithm=algorithm)
        except MissingDependencyException:
            print("skipped: %s needs botocore[crt], not installed" % algorithm)
            continue
        print("put %s sent as %s" % (key, mode()))
        got = s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        check(got["Body"].read() == small, "get %s validated and returns the bytes" % key)
        check(("Checksum" + algorithm) in got, "get %s returns its %s" % (key, algorithm))

url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "small"}, ExpiresIn=300)
with urllib.request.urlopen(url) as response:
    check(response.read() == small, "presigned GET fetched with urllib (%s)" % url.split("?")[1][:40])

url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "presigned-put"}, ExpiresIn=300)
# http.client adds no Content-Type of its own (urllib would, and SigV2 signs Content-Type).
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.netloc)
connection.request("PUT", parts.path + "?" + parts.query, body=small)
response = connection.getresponse()
check(response.status == 200, "presigned PUT sent with http.client (%d %s)" % (response.status, response.read()))
check(s3.get_object(Bucket=bucket, Key="presigned-put")["Body"].read() == small, "presigned PUT stored the bytes")

try:
    import requests
except ImportError:
    requests = None
if requests is not None:
    post = s3.generate_presigned_post(bucket, "posted/${filename}",
                                      Conditions=[["content-length-range", 1, 10 * 1024 * 1024]], ExpiresIn=300)
    response = requests.post(post["url"], data=post["fields"], files={"file": ("form.bin", large)})
    check(response.status_code == 204, "POST form upload answers 204 (got %d %s)" % (response.status_code, response.text))
    check(s3.get_object(Bucket=bucket, Key="posted/form.bin")["Body"].read() == large, "POST form stored the bytes")
print("done")
