#!/usr/bin/env bash
# Documented run: how long UploadPartCopy takes to copy a whole 15 MiB object version (named by
# versionId, the older of two) into a part, against a PutObject of the same 15 MiB for scale.
# boto3 at its defaults times each call from request to response; 7 runs each, median and range.
# Usage: scripts/part-copy-timing.sh [size-in-MiB] [runs]   (defaults: 15, 7). Needs python3 + boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-15}
RUNS=${2:-7}
PORT=${PORT:-9312}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f api/target/coffer-exec.jar ] || mvn -q -o -DskipTests package
java -Xmx512m -jar api/target/coffer-exec.jar --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=TIMINGKEY --coffer.secret-key=TIMINGSECRET --logging.level.coffer.access=WARN \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

python3 - "$PORT" "$SIZE_MIB" "$RUNS" <<'EOF'
import os, statistics, sys, time
import boto3
port, size_mib, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="TIMINGKEY", aws_secret_access_key="TIMINGSECRET")
s3.create_bucket(Bucket="timing")
s3.put_bucket_versioning(Bucket="timing", VersioningConfiguration={"Status": "Enabled"})
old, new = os.urandom(size_mib << 20), os.urandom(size_mib << 20)
v1 = s3.put_object(Bucket="timing", Key="src", Body=old)["VersionId"]
s3.put_object(Bucket="timing", Key="src", Body=new)

def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result

puts, copies = [], []
for i in range(runs):
    puts.append(timed(lambda: s3.put_object(Bucket="timing", Key=f"put-{i}", Body=old))[0])
    upload = s3.create_multipart_upload(Bucket="timing", Key=f"copy-{i}")["UploadId"]
    seconds, r = timed(lambda: s3.upload_part_copy(Bucket="timing", Key=f"copy-{i}", UploadId=upload, PartNumber=1,
                                                   CopySource={"Bucket": "timing", "Key": "src", "VersionId": v1}))
    copies.append(seconds)
    assert r.get("CopySourceVersionId") == v1, r
    s3.complete_multipart_upload(Bucket="timing", Key=f"copy-{i}", UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": r["CopyPartResult"]["ETag"]}]})
    body = s3.get_object(Bucket="timing", Key=f"copy-{i}")["Body"].read()
    assert body == old, "the part copy must hold the named version's bytes"

def show(name, xs):
    print(f"{name}: median {statistics.median(xs) * 1000:.0f} ms, range {min(xs) * 1000:.0f}-{max(xs) * 1000:.0f} ms over {len(xs)} runs")
show(f"PutObject {size_mib} MiB", puts)
show(f"UploadPartCopy of a {size_mib} MiB version", copies)
EOF
