"""Browser-style POST uploads sent with Python's requests, as many web back ends send them.

Usage: requests_post.py ENDPOINT BUCKET
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; boto3's generate_presigned_post
signs the policy. Every field goes in `files=`, so requests gives each part a filename, as it does
for any string value there: only the part named "file" is the file. Prints one line per check and
exits non-zero on the first failure.
"""
import base64
import sys
import zlib

import boto3
import requests
from botocore.config import Config

endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))
# boto3 signs a form with Signature V2 by default against a custom endpoint; V4 when asked.
s3v4 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                    config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
FILE = b"posted by python requests, every field with a filename"


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def post(key, fields=None, conditions=None, tamper=None, file=FILE, client=s3v4):
    form = client.generate_presigned_post(bucket, key, Fields=dict(fields or {}), Conditions=list(conditions or []),
                                      ExpiresIn=300)
    sent = dict(form["fields"])
    if tamper:
        tamper(sent)
    files = {name: value for name, value in sent.items()}  # requests: filename = the field's name
    files["file"] = ("hello.txt", file)
    response = requests.post(form["url"], files=files, allow_redirects=False)
    return response


def answer(response):
    return "%d %s" % (response.status_code, response.text)


response = post("plain/${filename}")
check(response.status_code == 204, "fields sent as file parts: 204 (%s)" % answer(response))
check(s3.get_object(Bucket=bucket, Key="plain/hello.txt")["Body"].read() == FILE, "the file part is what is stored")

response = post("typed", {"Content-Type": "text/plain", "success_action_status": "201", "x-amz-meta-origin": "requests"},
                [{"Content-Type": "text/plain"}, {"success_action_status": "201"}, {"x-amz-meta-origin": "requests"}])
check(response.status_code == 201 and "<Key>typed</Key>" in response.text, "success_action_status 201 (%s)" % answer(response))
head = s3.head_object(Bucket=bucket, Key="typed")
check(head["ContentType"] == "text/plain", "Content-Type field stored (%s)" % head["ContentType"])
check(head["Metadata"] == {"origin": "requests"}, "x-amz-meta field stored (%s)" % head["Metadata"])

response = post("redirected", {"success_action_redirect": "http://localhost/done"},
                [{"success_action_redirect": "http://localhost/done"}])
location = response.headers.get("Location", "")
check(response.status_code == 303 and location.startswith("http://localhost/done?bucket=" + bucket)
      and "key=redirected" in location and "etag=" in location, "success_action_redirect: 303 to it (%s %s)"
      % (answer(response), location))

crc32 = base64.b64encode(zlib.crc32(FILE).to_bytes(4, "big")).decode()
response = post("checksummed", {"x-amz-checksum-crc32": crc32}, [{"x-amz-checksum-crc32": crc32}])
check(response.status_code == 204, "x-amz-checksum-crc32 field: 204 (%s)" % answer(response))
head = s3.head_object(Bucket=bucket, Key="checksummed", ChecksumMode="ENABLED")
check(head.get("ChecksumCRC32") == crc32, "the checksum is stored (%s)" % head.get("ChecksumCRC32"))
wrong = base64.b64encode(zlib.crc32(b"other").to_bytes(4, "big")).decode()
response = post("bad-checksum", {"x-amz-checksum-crc32": wrong}, [{"x-amz-checksum-crc32": wrong}])
check(response.status_code == 400 and "<Code>BadDigest</Code>" in response.text, "wrong checksum: BadDigest (%s)"
      % answer(response))

tagging = "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>"
response = post("tagged", {"tagging": tagging}, [{"tagging": tagging}])
check(response.status_code == 204, "tagging field: 204 (%s)" % answer(response))
tags = s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"]
check(tags == [{"Key": "a", "Value": "b"}], "the tagging field's tags are stored (%s)" % tags)

def forge(fields):
    name = "x-amz-signature" if "x-amz-signature" in fields else "signature"
    fields[name] = fields[name][::-1]


def stranger(fields):
    if "AWSAccessKeyId" in fields:
        fields["AWSAccessKeyId"] = "AKIANOBODYKNOWS00000"
    else:
        credential = fields["x-amz-credential"]
        fields["x-amz-credential"] = "AKIANOBODYKNOWS00000" + credential[credential.index("/"):]


for name, client in (("V4", s3v4), ("V2", s3)):
    response = post("forged", tamper=forge, client=client)
    check(response.status_code == 403 and "<Code>SignatureDoesNotMatch</Code>" in response.text,
          "wrong %s signature: 403 SignatureDoesNotMatch (%s)" % (name, answer(response)))
    response = post("stranger", tamper=stranger, client=client)
    check(response.status_code == 403 and "<Code>InvalidAccessKeyId</Code>" in response.text,
          "unknown access key in a %s form: 403 InvalidAccessKeyId (%s)" % (name, answer(response)))
response = post("v2/${filename}", client=s3)
check(response.status_code == 204, "a V2 form with fields sent as file parts: 204 (%s)" % answer(response))

keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
check(sorted(keys) == ["checksummed", "plain/hello.txt", "redirected", "tagged", "typed", "v2/hello.txt"], "refused forms stored nothing (%s)" % keys)
print("done")
