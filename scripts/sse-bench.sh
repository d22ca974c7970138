#!/usr/bin/env bash
# Documented run: what encryption at rest costs. PUT and GET of 1 MiB and 64 MiB objects, stored
# plain, with SSE-S3 (x-amz-server-side-encryption: AES256) and with SSE-C (a customer key on every
# PUT and GET), interleaved in one run against one server so that load on the machine hits all alike;
# boto3 at its defaults times each call from request to the last byte; median and range of RUNS
# runs each. SSE-C goes over plain HTTP here (coffer.sse.customer-keys-over-http=true, loopback
# only): S3 refuses that, and so does Coffer by default.
# Usage: scripts/sse-bench.sh [runs]   (default 9). Needs python3 + boto3; builds the jar if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-9}
PORT=${PORT:-9313}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

JAR=${JAR:-api/target/coffer-exec.jar}
[ -f "$JAR" ] || mvn -B -o -q -pl api -am package -DskipTests
java -Xmx512m -jar "$JAR" --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET --logging.level.coffer.access=WARN --coffer.sse.customer-keys-over-http=true \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

python3 - "$PORT" "$RUNS" <<'PY'
import os, statistics, sys, time
import boto3
port, runs = sys.argv[1], int(sys.argv[2])
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET")
s3.create_bucket(Bucket="bench")
ckey = os.urandom(32)
sse_c = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": ckey}  # boto3 adds the key's MD5
modes = {"plain": {}, "SSE-S3": {"ServerSideEncryption": "AES256"}, "SSE-C": sse_c}
sizes = {"1 MiB": 1 << 20, "64 MiB": 64 << 20}
times = {(op, size, mode): [] for op in ("PUT", "GET") for size in sizes for mode in modes}

def timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start

for run in range(runs + 1):  # the first round warms the JIT and the page cache and is not counted
    for size, n in sizes.items():
        body = os.urandom(n)
        for mode, extra in modes.items():
            key = f"{mode}-{size}-{run}"
            put = timed(lambda: s3.put_object(Bucket="bench", Key=key, Body=body, **extra))
            got = []
            get = timed(lambda: got.append(s3.get_object(Bucket="bench", Key=key, **(sse_c if mode == "SSE-C" else {}))["Body"].read()))
            assert got[0] == body
            if run > 0:
                times[("PUT", size, mode)].append(put)
                times[("GET", size, mode)].append(get)
            s3.delete_object(Bucket="bench", Key=key)

print(f"| operation | size | plain (median, range) | SSE-S3 (median, range) | SSE-C (median, range) | SSE-S3 / plain | SSE-C / plain |")
print(f"|---|---|---|---|---|---|---|")
for op in ("PUT", "GET"):
    for size in sizes:
        p, e, c = times[(op, size, "plain")], times[(op, size, "SSE-S3")], times[(op, size, "SSE-C")]
        fmt = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms ({min(xs) * 1000:.1f}-{max(xs) * 1000:.1f})"
        ratio = lambda xs: f"{statistics.median(xs) / statistics.median(p):.2f}"
        print(f"| {op} | {size} | {fmt(p)} | {fmt(e)} | {fmt(c)} | {ratio(e)} | {ratio(c)} |")
PY
