#!/usr/bin/env bash
# Syscalls per presigned GET, a count the machine's load does not inflate: runs each given jar
# (ports 9402+), puts a 4 KiB object, warms up with wrk, then attaches `strace -f -c` to the
# server for a wrk run per case and prints calls per request (futex: thread wake-ups and
# hand-offs) beside the server's CPU µs per request (utime+stime of /proc/PID/stat around a
# run without strace). Cases: get4k (root key), get4k-user (an IAM user's key), floor (a 404
# of /_coffer/floor), get1m (a 1 MiB chunked object); also file reads (pread64) and socket
# writes (sendto, writev, sendfile) per request.
# Usage: scripts/bench-get-syscalls.sh A.jar [B.jar ...]
# Env: SECS (5), CONNS (4), WARM (15), CASES (default "get4k get4k-user floor"), PORT0 (9402), ALL (1: every syscall).
# Needs: wrk, strace, curl, python3 with boto3. Copy the jars aside first.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${SECS:-5}; CONNS=${CONNS:-4}; WARM=${WARM:-15}
W=$(mktemp -d); PIDS=(); i=0
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; wait; rm -rf $W' EXIT
for jar in "$@"; do
  port=$((${PORT0:-9402}+i)); mkdir -p $W/$i
  java -Xmx512m -jar $jar --server.port=$port --coffer.ui.port=-1 --coffer.data-dir=$W/$i/data \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > $W/$i/log 2>&1 &
  PIDS+=($!); i=$((i+1))
done
for j in $(seq 0 $((i-1))); do port=$((${PORT0:-9402}+j))
  for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.5; done
  python3 - $port $W/$j <<'PY'
import sys, os, boto3
sys.path.insert(0, "scripts/bench")
from iam_reader import reader_client
from botocore.config import Config
port, out = sys.argv[1], sys.argv[2]
ep = f"http://127.0.0.1:{port}"
cfg = Config(signature_version="s3v4", s3={"addressing_style": "path"})
s3 = boto3.client("s3", endpoint_url=ep, region_name="us-east-1", aws_access_key_id="BENCHKEY",
                  aws_secret_access_key="BENCHSECRET", config=cfg)
s3.create_bucket(Bucket="bench")
s3.put_object(Bucket="bench", Key="get4k", Body=os.urandom(4096))
s3.put_object(Bucket="bench", Key="get1m", Body=os.urandom(1 << 20))
user = reader_client(ep, "BENCHKEY", "BENCHSECRET")
urls = {"get4k": s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200),
        "get4k-user": user.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200),
        "get1m": s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get1m"}, ExpiresIn=7200),
        "floor": f"{ep}/_coffer/floor"}
for name, url in urls.items():
    with open(f"{out}/{name}", "w") as f:
        f.write(url)
PY
done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
reqs() { awk '/requests in/ {print $1}'; }
printf "%-6s %-11s %9s %9s %9s %9s %9s %9s\n" jar case "cpu-us/r" "sys/r" "futex/r" "epoll/r" "pread/r" "send/r"
for c in ${CASES:-get4k get4k-user floor}; do
  for j in $(seq 0 $((i-1))); do wrk -t1 -c$CONNS -d${WARM}s "$(cat $W/$j/$c)" > /dev/null; done
  for j in $(seq 0 $((i-1))); do p=${PIDS[$j]}
    c0=$(cpu $p); n=$(wrk -t1 -c$CONNS -d${SECS}s "$(cat $W/$j/$c)" | reqs); c1=$(cpu $p)
    us=$(echo "($c1 - $c0) * 1000000 / $(getconf CLK_TCK) / $n" | bc)
    strace -f -c -o $W/st -p $p 2>/dev/null & st=$!; sleep 1
    m=$(wrk -t1 -c$CONNS -d${SECS}s "$(cat $W/$j/$c)" | reqs)
    kill -INT $st; wait $st 2>/dev/null || true
    awk -v n=$m -v j=$j -v c=$c -v us=$us '$NF=="total" {t=$4} $NF=="futex" {f=$4} $NF ~ /^epoll_/ {e+=$4}
      $NF=="pread64" {r=$4} $NF ~ /^(sendto|writev|sendfile)$/ {w+=$4}
      END {printf "%-6s %-11s %9d %9.1f %9.1f %9.1f %9.1f %9.1f\n", j, c, us, t/n, f/n, e/n, r/n, w/n}' $W/st
    # ALL=1: every syscall's calls per request, and strace's time inside it (µs per request: waits included, strace inflates it)
    [ -z "${ALL:-}" ] || awk -v n=$m '$1 ~ /^[0-9.]+$/ && $NF != "total" {printf "         %-16s %6.2f calls  %7.1f us\n", $NF, $4/n, $2*1e6/n}' $W/st
  done
done
