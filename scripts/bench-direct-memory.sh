#!/usr/bin/env bash
# Direct buffer memory of one upload case (issue 23) with the default GC: samples jvm_buffer_memory_used_bytes{id="direct"},
# the buffer count and VmRSS/VmHWM every second while wrk runs CASE for SECS; prints the maxima, NMT "Other"'s peak
# and the server's CPU (utime+stime) per request.
# Usage: scripts/bench-direct-memory.sh JAR PORT CASE SECONDS   (CASE: put4k, put1m or put64m; 16 connections, 4 for 64 MiB)
# Run two jars at once on two ports for a same-time comparison (docs/benchmarks.md, "Memory, fifth pass").
set -euo pipefail
JAR=$1; PORT=$2; CASE=$3; SECS=$4
WORK=$(mktemp -d /tmp/coffer-direct-memory.XXXX)
java -XX:NativeMemoryTracking=summary ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$WORK/coffer.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
python3 - "$PORT" "$WORK" "$CASE" <<'PY'
import sys, boto3
from botocore.config import Config
port, work, case = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
open(f"{work}/url", "w").write(s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{case}.bin"}, ExpiresIn=7200))
PY
printf 'wrk.method = "PUT"\nfunction init(args) wrk.body = string.rep("x", tonumber(args[1])) end\n' > $WORK/put.lua
bytes() { case $1 in *4k) echo 4096;; *1m) echo 1048576;; *64m) echo 67108864;; esac; }
conns=16; case $CASE in *64m) conns=4;; esac
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
metrics() { curl -s -m 10 -H "Authorization: Bearer $(cat $WORK/data/metrics-token)" "http://127.0.0.1:$PORT/_coffer/metrics" || true; }
wrk -t2 -c$conns -d5s --timeout 60s -s $WORK/put.lua "$(cat $WORK/url)" -- $(bytes $CASE) > /dev/null  # warm-up
c0=$(cpu)
wrk -t2 -c$conns -d${SECS}s --timeout 60s -s $WORK/put.lua "$(cat $WORK/url)" -- $(bytes $CASE) > $WORK/wrk.out &
W=$!
for _ in $(seq $((SECS + 2))); do
  m=$(metrics)
  echo "$(awk '/^jvm_buffer_memory_used_bytes\{id="direct"/ {printf "%.1f", $2/1048576}' <<<"$m") $(awk '/^jvm_buffer_count_buffers\{id="direct"/ {print $2}' <<<"$m") $(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$PID/status)" >> $WORK/samples
  sleep 1
done
wait $W; c1=$(cpu)
req=$(awk '/requests in/ {print $1}' $WORK/wrk.out)
other=$(jcmd $PID VM.native_memory summary | awk '/- *Other/ {getline; print}' | grep -o 'peak=[0-9]*KB' || true)
echo "$CASE $(basename $JAR): requests=$req cpu_ms_per_request=$(echo "scale=2; ($c1-$c0)*10/$req" | bc) direct_MiB_max=$(sort -n $WORK/samples | tail -1 | cut -d' ' -f1) direct_MiB_median=$(cut -d' ' -f1 $WORK/samples | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') buffers_max=$(cut -d' ' -f2 $WORK/samples | sort -n | tail -1) rss_MiB_max=$(cut -d' ' -f3 $WORK/samples | sort -n | tail -1) VmHWM_MiB=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$PID/status) NMT_Other_$other load=$(cut -d' ' -f1 /proc/loadavg)"
