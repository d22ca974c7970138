#!/usr/bin/env bash
# Multipart uploads against one Coffer: per round, the AWS SDK for Java v2 (scripts/bench/SdkMultipart.java:
# sync client, defaults, 16 MiB parts from 4 threads), boto3's upload_file (16 MiB parts, 4 threads) and one
# curl PUT of the same size (a presigned URL, UNSIGNED-PAYLOAD), each with MB/s and the server's CPU seconds
# per GB (utime+stime from /proc/<pid>/stat around the upload). The SDK's MB/s is its own timing (no JVM start).
# Usage: scripts/bench-multipart.sh [rounds] [size-MiB]   (defaults: 3, 1024)
# Env: JAR (default api/target/coffer-exec.jar; copy it aside), PORT (9396), JAVA_OPTS.
# Needs: curl, python3 with boto3, the SDK v2 jars of the pom's awssdk.version in ~/.m2 (any compat-tests build
# fetched them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SIZE_MIB=${2:-1024}; PORT=${PORT:-9396}; JAR=${JAR:-api/target/coffer-exec.jar}
SDK=$(sed -n 's:.*<awssdk.version>\(.*\)</awssdk.version>.*:\1:p' pom.xml)
W=$(mktemp -d); P=
trap '[ -n "$P" ] && kill $P 2>/dev/null; wait 2>/dev/null; rm -rf "$W"' EXIT
M2=$HOME/.m2/repository
CP=$(find "$M2/software/amazon/awssdk" -path "*/$SDK/*.jar" ! -name '*sources*' \
  | grep -v -E '/(apache5-client|aws-crt-client|netty-nio-client|crt-core)/' | tr '\n' ':')
for a in org/reactivestreams/reactive-streams org/slf4j/slf4j-api org/apache/httpcomponents/httpclient \
  org/apache/httpcomponents/httpcore commons-logging/commons-logging commons-codec/commons-codec; do
  CP=$CP$(find "$M2/$a" -name '*.jar' ! -name '*sources*' | sort -V | tail -1):
done
javac -cp "$CP" -d "$W/classes" scripts/bench/SdkMultipart.java
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT --coffer.ui.port=-1 --coffer.data-dir="$W/data" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$W/coffer.log" 2>&1 &
P=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
head -c $((SIZE_MIB << 20)) /dev/urandom > "$W/body"
cat > "$W/s3.py" <<'PY'
import sys, time, boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
if sys.argv[2] == "url":
    s3.create_bucket(Bucket="bench")
    print(s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": "one"}, ExpiresIn=7200))
else:
    s3.upload_file(sys.argv[2], "bench", "boto3", Config=TransferConfig(multipart_chunksize=16 << 20, max_concurrency=4))
PY
URL=$(python3 "$W/s3.py" $PORT url)
cpu() { awk '{print $14 + $15}' /proc/$P/stat; }
measure() { # label command... -> "label MB/s CPU-s/GB"; the command's last line may give its own MB/s
  local c0 t0 out c1 t1
  c0=$(cpu); t0=$(date +%s.%N); out=$("${@:2}" | tail -1); t1=$(date +%s.%N); c1=$(cpu)
  awk -v l="$1" -v o="$out" -v c=$((c1 - c0)) -v t=$(echo "$t1 - $t0" | bc -l) -v mb=$((SIZE_MIB << 20)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN {r = o ~ /MB\/s/ ? o : sprintf("%.0f MB/s", mb / 1e6 / t); sub(/.*: /, "", r); sub(/ \(.*/, "", r); printf "%s %s, %.2f CPU-s/GB | ", l, r, c / hz / (mb / 1e9)}'
}
for r in $(seq "$ROUNDS"); do
  measure sdk-v2 java -cp "$W/classes:$CP" SdkMultipart "http://127.0.0.1:$PORT" 1 "$SIZE_MIB"
  measure boto3 python3 "$W/s3.py" $PORT "$W/body"
  measure curl curl -sf -X PUT -T "$W/body" -o /dev/null "$URL"
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "VmHWM $(awk '/VmHWM/ {print $2 / 1024}' /proc/$P/status) MiB"
