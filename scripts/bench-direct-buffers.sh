#!/usr/bin/env bash
# Direct buffers allocated per request, by case (issue 23): the server runs Epsilon (no collection, so no
# direct buffer is ever freed) and the JVM's buffer-pool count (jvm_buffer_count_buffers{id="direct"})
# only grows: its change over a fixed amount of work is the number of ByteBuffer.allocateDirect calls.
# Usage: scripts/bench-direct-buffers.sh JAR PORT [seconds]   (each case: a warm-up run, then the measured one)
# Env: CASES (default "get4k get1m get64m put4k put1m put64m"; 16 connections, 4 for the 64 MiB cases).
# Prints, per case and phase: requests, direct buffers allocated, their bytes, both per request; then NMT "Other".
set -euo pipefail
JAR=$1; PORT=$2; SECS=${3:-3}
CASES=${CASES:-get4k get1m get64m put4k put1m put64m}
WORK=$(mktemp -d /tmp/coffer-direct.XXXX)
java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx6g -XX:NativeMemoryTracking=summary ${JAVA_OPTS:-} -jar "$JAR" --server.port=$PORT --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$WORK/coffer.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT  # set -e holds in the trap: wait returns 143
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
head -c 4096 /dev/urandom > $WORK/get4k.bin; head -c 1048576 /dev/urandom > $WORK/get1m.bin; head -c 67108864 /dev/urandom > $WORK/get64m.bin
python3 - "$PORT" "$WORK" <<'PY'
import subprocess, sys, boto3
from botocore.config import Config
port, work = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
with open(f"{work}/urls", "w") as out:
    for name in ("get4k", "get1m", "get64m"):
        put = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200)
        subprocess.run(["curl", "-sf", "-T", f"{work}/{name}.bin", put, "-o", "/dev/null"], check=True)
        out.write(f"{name} " + s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
    for name in ("put4k", "put1m", "put64m"):
        out.write(f"{name} " + s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
PY
cat > "$WORK/put.lua" <<'LUA'
wrk.method = "PUT"
function init(args) wrk.body = string.rep("x", tonumber(args[1])) end
LUA
count() { curl -s -H "Authorization: Bearer $(cat $WORK/data/metrics-token)" "http://127.0.0.1:$PORT/_coffer/metrics" \
  | awk '/^jvm_buffer_count_buffers\{id="direct"/ {c=$2} /^jvm_buffer_total_capacity_bytes\{id="direct"/ {b=$2} END {printf "%d %d\n", c, b}'; }
bytes() { case $1 in *4k) echo 4096;; *1m) echo 1048576;; *64m) echo 67108864;; esac; }
for c in $CASES; do
  url=$(awk -v n=$c '$1==n {print $2}' $WORK/urls); conns=16; case $c in *64m) conns=4;; esac
  for phase in warm measure; do
    read -r n0 b0 < <(count)
    case $c in put*) out=$(wrk -t2 -c$conns -d${SECS}s --timeout 60s -s $WORK/put.lua "$url" -- $(bytes $c));; *) out=$(wrk -t2 -c$conns -d${SECS}s --timeout 60s "$url");; esac
    sleep 1
    read -r n1 b1 < <(count)
    req=$(awk '/requests in/ {print $1}' <<<"$out")
    echo "$c $phase c=$conns requests=$req direct_allocated=$((n1-n0)) bytes=$((b1-b0)) per_request=$(echo "scale=3; ($n1-$n0)/$req" | bc) KiB_per_request=$(echo "scale=1; ($b1-$b0)/1024/$req" | bc) total_now=$n1"
  done
done
jcmd $PID VM.native_memory summary | grep -A1 -- "- *Other" || true
