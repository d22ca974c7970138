#!/usr/bin/env bash
# Multipart uploads against one Coffer: per round, the AWS SDK for Java v2 (scripts/bench/SdkMultipart.java:
# sync client, defaults, 16 MiB parts from 4 threads), boto3's upload_file (16 MiB parts, 4 threads) and one
# curl PUT of the same size (a presigned URL, UNSIGNED-PAYLOAD), each with MB/s and the server's CPU seconds
# per GB (utime+stime from /proc/<pid>/stat around the upload), also without the JIT compilers' threads (their
# warm-up is not a cost per byte) and by thread group, and the client's own CPU seconds per GB (/usr/bin/time; the
# SDK's includes its JVM's start). The SDK's MB/s is its own timing (no JVM start).
# Usage: scripts/bench-multipart.sh [rounds] [size-MiB]   (defaults: 3, 1024)
# Env: JAR (default api/target/coffer-exec.jar; copy it aside), PORT (9396), JAVA_OPTS, CLIENTS (which of
# sdk-v2 boto3 curl to run each round, default all three: one alone gives a profile of that kind of request).
# Needs: curl, python3 with boto3, the SDK v2 jars of the pom's awssdk.version in ~/.m2 (any compat-tests build
# fetched them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SIZE_MIB=${2:-1024}; PORT=${PORT:-9396}; JAR=${JAR:-api/target/coffer-exec.jar}
CLIENTS=" ${CLIENTS:-sdk-v2 boto3 curl} "
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
# The server's threads' CPU ticks, one line each: tid, group, ticks, of them in user mode. Groups by the names the
# JVM gives: 1 event loops, 2 coffer-io (receive, decode, write), 3 coffer-digest (MD5), 4 the JIT compilers, 5 GC
# and VM threads, 6 the rest. Threads that end inside a window are counted as "gone" (the process total less the
# groups' deltas). coffer-io's user-mode share is the decoding and checksums; its kernel share, the writes into
# the page cache, is what moves most with the neighbours' disk traffic.
threads() {
  cat /proc/$P/task/*/stat 2>/dev/null | awk '{ o = index($0, "("); c = index($0, ") "); comm = substr($0, o + 1, c - o - 1)
    split(substr($0, c + 2), f, " "); g = comm ~ /^reactor-http/ ? 1 : comm ~ /^coffer-io/ ? 2 : comm ~ /^coffer-digest/ ? 3 \
      : comm ~ /^C[12] Compiler/ ? 4 : comm ~ /^(G1 |GC Thread|VM Thread)/ ? 5 : 6; print $1, g, f[12] + f[13], f[12] }' | tr '\n' ' '
}
measure() { # label command... -> "label MB/s CPU-s/GB (by thread group)"; the command's last line may give its own MB/s
  local c0 g0 t0 out c1 g1 t1
  c0=$(cpu); g0=$(threads); t0=$(date +%s.%N)
  out=$(/usr/bin/time -f '%U %S' -o "$W/client-time" "${@:2}" | tail -1)
  t1=$(date +%s.%N); c1=$(cpu); g1=$(threads)
  awk -v l="$1" -v o="$out" -v c=$((c1 - c0)) -v g0="$g0" -v g1="$g1" -v t=$(echo "$t1 - $t0" | bc -l) \
    -v client="$(tail -1 "$W/client-time")" \
    -v mb=$((SIZE_MIB << 20)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN {r = o ~ /MB\/s/ ? o : sprintf("%.0f MB/s", mb / 1e6 / t); sub(/.*: /, "", r); sub(/ \(.*/, "", r)
      na = split(g0, a, " "); nb = split(g1, b, " "); for (i = 1; i < na; i += 4) { before[a[i]] = a[i + 2]; user[a[i]] = a[i + 3] }
      for (i = 1; i < nb; i += 4) { d[b[i + 1]] += b[i + 2] - before[b[i]]; if (b[i + 1] == 2) u += b[i + 3] - user[b[i]] }
      split("event io digest jit gc rest", n, " "); k = hz * mb / 1e9; left = c
      for (i = 1; i <= 6; i++) { left -= d[i]; by = by sprintf(" %s %.2f", n[i], d[i] / k) }
      sub(/ io [0-9.]+/, sprintf("& (user %.2f)", u / k), by); split(client, cl, " ")
      printf "%s %s, %.2f CPU-s/GB (%.2f without the JIT;%s gone %.2f; the client %.2f) | ", l, r, c / k, (c - d[4]) / k,
        by, left / k, (cl[1] + cl[2]) / (mb / 1e9)}'
}
for r in $(seq "$ROUNDS"); do
  [[ $CLIENTS == *" sdk-v2 "* ]] && measure sdk-v2 java -cp "$W/classes:$CP" SdkMultipart "http://127.0.0.1:$PORT" 1 "$SIZE_MIB"
  [[ $CLIENTS == *" boto3 "* ]] && measure boto3 python3 "$W/s3.py" $PORT "$W/body"
  [[ $CLIENTS == *" curl "* ]] && measure curl curl -sf -X PUT -T "$W/body" -o /dev/null "$URL"
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "VmHWM $(awk '/VmHWM/ {print $2 / 1024}' /proc/$P/status) MiB"
