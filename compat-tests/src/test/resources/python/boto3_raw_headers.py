"""Header values with raw non-ASCII bytes, sent by boto3 (issue 24).

Usage: boto3_raw_headers.py ENDPOINT BUCKET SIGNATURE_VERSION
botocore refuses non-ASCII metadata in its parameters, so a before-sign hook sets the header, as
s3-tests does: botocore then sends and signs the value's UTF-8 bytes. Prints one line per check
and exits non-zero on the first failure.
"""
import email.header
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, bucket, version = sys.argv[1], sys.argv[2], sys.argv[3]
config = Config(signature_version=version) if version != "default" else None
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=config)
VALUE = "Hello World\xe9"


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def add_metadata(request, **kw):
    request.headers["x-amz-meta-meta1"] = VALUE


def rfc2047(value):
    """The text of a value S3 may return RFC 2047 encoded ("=?UTF-8?B?...?=")."""
    return "".join(p.decode(c or "ascii") if isinstance(p, bytes) else p for p, c in email.header.decode_header(value))


s3.meta.events.register("before-sign.s3.PutObject", add_metadata)
try:
    s3.put_object(Bucket=bucket, Key="raw-meta", Body=b"x")
    check(True, "put with x-amz-meta-meta1: %r (%s) verified" % (VALUE, version))
except ClientError as e:
    check(False, "put with x-amz-meta-meta1: %r answered %s" % (VALUE, e.response["Error"]["Code"]))
finally:
    s3.meta.events.unregister("before-sign.s3.PutObject", add_metadata)
got = s3.head_object(Bucket=bucket, Key="raw-meta")["Metadata"].get("meta1")
check(got is not None and rfc2047(got) == VALUE, "metadata reads back as sent: %r" % got)
got = s3.get_object(Bucket=bucket, Key="raw-meta")["Metadata"].get("meta1")
check(got is not None and rfc2047(got) == VALUE, "GET returns it too: %r" % got)

# A non-ASCII tag: the signature must pass, and the raw UTF-8 bytes are the tag's characters.
try:
    s3.put_object(Bucket=bucket, Key="raw-tag", Body=b"x", Tagging="k=v\xe9")
    outcome = "stored"
except ClientError as e:
    outcome = e.response["Error"]["Code"]
check(outcome == "stored", "x-amz-tagging: k=v\\xe9 passes the signature check (%s)" % outcome)
tags = s3.get_object_tagging(Bucket=bucket, Key="raw-tag")["TagSet"]
check(tags == [{"Key": "k", "Value": "v\xe9"}], "the tag reads back as sent (%r)" % tags)
print("done")
