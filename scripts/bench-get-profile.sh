#!/usr/bin/env bash
# async-profiler over a warmed-up GET 4 KiB (presigned, root key, inline object): one server, WARM s of wrk, then
# SECS s of wrk under each profiling mode (cpu: CPU samples every 1 ms; alloc: allocation samples every 64 KiB),
# written as collapsed stacks to outdir/<mode>.collapsed, with the server's CPU µs per request of each run.
# Usage: scripts/bench-get-profile.sh [jar] [outdir]   Env: WARM (60), SECS (20), MODES ("cpu alloc"), PORT (9402),
# URL_CASE (get4k; get4k-user: an IAM user's key; get1m: a 1 MiB chunked object), JAVA_OPTS, AP_DIR (default
# ~/.cache/coffer-bench). Each run's line splits the server's CPU into user and system (kernel) µs per request.
# Kernel frames in the cpu mode need perf_events: `sysctl kernel.perf_event_paranoid=1` (root), else the stacks stop
# at the syscall and the kernel's share shows only in the sys column.
# Needs: wrk, python3 with boto3, Maven (fetches tools.profiler:async-profiler:4.0 into AP_DIR the first time).
# (jcmd's parser splits an unquoted argument at its '=': the agent's options go in double quotes.)
# Read a profile: python3 scripts/bench/collapsed.py outdir/cpu.collapsed [frame-substring ...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(readlink -f "${1:-$ROOT/api/target/coffer-exec.jar}"); OUT=${2:-$(mktemp -d)}; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
P=${PORT:-9402}; AP_DIR=${AP_DIR:-$HOME/.cache/coffer-bench}; LIB=$AP_DIR/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
  mkdir -p "$AP_DIR"
  mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.0 -DoutputDirectory="$AP_DIR"
  (cd "$AP_DIR" && unzip -o -q async-profiler-4.0.jar 'linux-x64/*')
fi
W=$(mktemp -d)
java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" --server.port=$P --coffer.ui.port=-1 --coffer.data-dir=$W/data \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > $W/server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait; rm -rf "$W"' EXIT
for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$P/ && break; sleep 0.5; done
cd "$ROOT"
if [ "${URL_CASE:-get4k}" = get4k-user ]; then
  python3 - $P > $W/url <<'PY'
import sys, os, boto3
sys.path.insert(0, "scripts/bench")
from iam_reader import reader_client
from botocore.config import Config
ep = f"http://127.0.0.1:{sys.argv[1]}"
s3 = boto3.client("s3", endpoint_url=ep, region_name="us-east-1", aws_access_key_id="BENCHKEY",
                  aws_secret_access_key="BENCHSECRET", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
s3.put_object(Bucket="bench", Key="get4k", Body=os.urandom(4096))
print(reader_client(ep, "BENCHKEY", "BENCHSECRET").generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200))
PY
elif [ "${URL_CASE:-get4k}" = get1m ]; then
  python3 scripts/bench/get4k_url.py $P 1048576 > $W/url
else
  python3 scripts/bench/get4k_url.py $P > $W/url
fi
URL=$(cat $W/url)
ticks() { awk '{print $14, $15}' /proc/$PID/stat; }
one() { # label seconds
  local t0 out t1; t0=$(ticks); out=$(wrk -t2 -c16 -d${2}s --timeout 60s "$URL"); t1=$(ticks)
  awk -v n="$1" -v t="$t0 $t1" -v hz=$(getconf CLK_TCK) -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN {split(t, a, " ")} /requests in/ {r=$1} /Requests\/sec/ {u=(a[3]-a[1])/hz*1e6/r; s=(a[4]-a[2])/hz*1e6/r
     printf "%-6s %10s req/s  %5.0f cpu-us/req (user %.0f, sys %.0f)  load %s\n", n, $2, u+s, u, s, load}' <<<"$out"
}
one warm "${WARM:-60}"
for mode in ${MODES:-cpu alloc}; do
  case $mode in cpu) opts="event=cpu,interval=1ms,threads";; alloc) opts="event=alloc,alloc=64k,threads";; esac
  jcmd $PID JVMTI.agent_load "$LIB" "\"start,$opts,file=$OUT/$mode.collapsed\"" > /dev/null
  one "$mode" "${SECS:-20}"
  jcmd $PID JVMTI.agent_load "$LIB" "\"stop,collapsed,file=$OUT/$mode.collapsed\"" > /dev/null
done | tee "$OUT/runs.txt"
