#!/usr/bin/env bash
# The heap's share of the peak RSS (issue 23): two servers up at once, each with its own JVM options (e.g. the JVM's
# default heap against an -Xmx bound), wrk rounds alternating A, B on one case. Per round: req/s and the whole
# process's CPU µs per request (utime+stime from /proc/<pid>/stat around the run), VmRSS. At the end, per side:
# VmHWM, young pauses, the heap at the last pause (used before -> after (committed)) and the pauses' total (GC log).
# Usage: scripts/bench-heap-pair.sh OUTDIR CASE [rounds=3] [seconds=10]   CASE: get4k get1m get64m put4k put1m put64m
# Env: AJAR, BJAR (default: api/target/coffer-exec.jar; copy jars aside first), AOPTS, BOPTS (JVM options per side),
# APORT/BPORT (9340/9341), WARM (seconds of warm-up per side, 10). Needs: wrk, python3 with boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1; C=$2; ROUNDS=${3:-3}; SECS=${4:-10}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
AJAR=${AJAR:-api/target/coffer-exec.jar}; BJAR=${BJAR:-$AJAR}; PORTS=(${APORT:-9340} ${BPORT:-9341})
W=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait; rm -rf "$W"' EXIT
for i in 0 1; do
  jar=$AJAR; opts=${AOPTS:-}; side=A; [ $i = 1 ] && { jar=$BJAR; opts=${BOPTS:-}; side=B; }
  # shellcheck disable=SC2086
  java $opts -Xlog:gc*:file="$OUT/gc-$side.log":uptime -jar "$jar" --server.port="${PORTS[$i]}" --coffer.ui.port=-1 \
    --coffer.data-dir="$W/$side" --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$W/$side.log" 2>&1 &
  PIDS+=($!)
done
for p in "${PORTS[@]}"; do for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$p/" && break; sleep 0.5; done; done
for i in 0 1; do
  python3 - "${PORTS[$i]}" "$W" "$i" <<'PY'
import os, sys, boto3
from botocore.config import Config
port, w, i = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
with open(f"{w}/urls{i}", "w") as out:
    for name, size in (("get4k", 4096), ("get1m", 1 << 20), ("get64m", 64 << 20)):
        s3.put_object(Bucket="bench", Key=f"{name}.bin", Body=os.urandom(size))
        out.write(f"{name} " + s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
    for name in ("put1m", "put64m"):
        out.write(f"{name} " + s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
with open(f"{w}/put4k-paths{i}", "w") as paths:  # 256 keys, as scripts/bench-http.sh
    for k in range(256):
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put4k/{k}.bin"}, ExpiresIn=7200)
        paths.write(url.split(str(port), 1)[1] + "\n")
PY
done
conns=16; case $C in *64m) conns=4;; esac
run() { # side-index seconds
  local u; u=$(awk -v n="$C" '$1==n {print $2}' "$W/urls$1")
  case $C in
    put4k) wrk -t2 -c$conns -d"$2s" --timeout 60s -s scripts/bench/put-keys.lua "http://127.0.0.1:${PORTS[$1]}/" -- "$W/put4k-paths$1" ;;
    put1m) wrk -t2 -c$conns -d"$2s" --timeout 60s -s scripts/bench/put.lua "$u" -- 1048576 ;;
    put64m) wrk -t2 -c$conns -d"$2s" --timeout 60s -s scripts/bench/put.lua "$u" -- 67108864 ;;
    *) wrk -t2 -c$conns -d"$2s" --timeout 60s "$u" ;;
  esac
}
for i in 0 1; do run $i "${WARM:-10}" > /dev/null; done
for r in $(seq "$ROUNDS"); do
  for i in 0 1; do
    pid=${PIDS[$i]}; t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(run $i "$SECS"); t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    echo "round $r $(tr 01 AB <<<$i): $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s," \
      "$(( (t1 - t0) * 1000000 / $(getconf CLK_TCK) / n )) cpu-us/req, VmRSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status") MiB," \
      "load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
for i in 0 1; do
  side=$(tr 01 AB <<<$i); g=$OUT/gc-$side.log
  echo "$side: VmHWM $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/${PIDS[$i]}/status") MiB; young pauses $(grep -c 'Pause Young' "$g");" \
    "heap at the last $(grep 'Pause Young' "$g" | tail -1 | grep -o '[0-9]*M->[0-9]*M([0-9]*M)'); pauses" \
    "$(grep -o 'Pause Young.*M) [0-9.]*ms' "$g" | awk '{s += $NF} END {printf "%.0f ms", s}')"
done
