#!/usr/bin/env bash
# Upload cost per byte: runs each given jar at once (ports 9400+), then wrk PUTs of SIZE_MB to
# each in turn, ROUNDS times alternating, printing per run "CPU seconds per GB / MB/s" — the CPU
# is the server process's utime+stime from /proc/<pid>/stat around the wrk run, which a loaded
# machine inflates less than it does the throughput. Ends with each server's VmHWM.
# Usage: scripts/bench-put-cpu.sh A.jar [B.jar ...]   Env: SIZE_MB (64), CONNS (4), SECS (8),
# ROUNDS (3), PORT_BASE (9400: the first jar's port, the next ones after it), JAVA_OPTS. Needs: wrk, curl, python3 with boto3. Copy the jars aside first.
set -euo pipefail
SIZE_MB=${SIZE_MB:-64}; CONNS=${CONNS:-4}; ROUNDS=${ROUNDS:-3}
W=$(mktemp -d); PIDS=(); i=0
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; wait; rm -rf $W' EXIT
head -c $((SIZE_MB<<20)) /dev/urandom > $W/body
for jar in "$@"; do
  port=$((${PORT_BASE:-9400}+i)); mkdir -p $W/$i
  java ${JAVA_OPTS:-} -jar $jar --server.port=$port --coffer.ui.port=-1 --coffer.data-dir=$W/$i/data \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > $W/$i/log 2>&1 &
  PIDS+=($!); i=$((i+1))
done
for j in $(seq 0 $((i-1))); do port=$((${PORT_BASE:-9400}+j))
  for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.5; done
  python3 - $port > $W/$j/url <<'PY'
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
print(s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": "k"}, ExpiresIn=7200))
PY
done
cat > $W/put.lua <<'LUA'
wrk.method = "PUT"
function init(args) local f = io.open(args[1], "rb"); wrk.body = f:read("*a"); f:close() end
LUA
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
run() { # idx -> "cpu_s_per_GB MBps"
  local p=${PIDS[$1]} c0 c1 t0 t1 out reqs
  c0=$(cpu $p); t0=$(date +%s.%N)
  out=$(wrk -t2 -c$CONNS -d${SECS:-8}s --timeout 120s -s $W/put.lua "$(cat $W/$1/url)" -- $W/body)
  t1=$(date +%s.%N); c1=$(cpu $p)
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v c=$((c1-c0)) -v r=$reqs -v mb=$SIZE_MB -v t0=$t0 -v t1=$t1 'BEGIN {gb=r*mb*1048576/1e9; printf "%.2f/%.0f ", (c/100)/gb, gb*1000/(t1-t0)}'
}
for j in $(seq 0 $((i-1))); do run $j >/dev/null; done
for r in $(seq $ROUNDS); do for j in $(seq 0 $((i-1))); do echo -n "[$j] $(run $j) "; done; echo; done
for j in $(seq 0 $((i-1))); do echo "[$j] VmHWM $(grep VmHWM /proc/${PIDS[$j]}/status)"; done
