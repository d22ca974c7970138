#!/usr/bin/env bash
# GET of one object through several servers in one interleaved run: nginx with sendfile (the goal's
# limit), nginx with sendfile off (its read/write copy path), and one or more Coffer jars; rounds
# alternate the servers so that the noise of a shared machine falls on all alike. Prints, per
# server, the median MB/s and the median CPU per request of the server (utime + stime of its
# processes: the JVM, or nginx's master and workers, from /proc/PID/stat) and of the client (wrk's
# own utime + stime), and their sum: on 2 cores shared with the client the sum is what bounds the
# requests per second, and the kernel's sending work falls on either side (nginx's sendfile leaves
# much of it to the client's reads; docs/benchmarks.md "GET 1 MiB, sixth pass").
# Usage: scripts/bench-get-limit.sh [rounds] [seconds] A.jar[,JVM-FLAG...] [B.jar ...]
#   (flags after a jar go to its JVM, e.g. /tmp/x.jar,-Dsome.switch=true)
# Env: SIZE (bytes, default 1048576), CONNS (default 16), PORT0 (first port, default 9425),
# WARMUP (seconds of uncounted GETs per server before the rounds, default the round length).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}; SECS=${2:-8}; shift 2
JARS=("$@")
SIZE=${SIZE:-1048576}; CONNS=${CONNS:-16}; PORT0=${PORT0:-9425}
WORK=$(mktemp -d); chmod 755 "$WORK"
PIDS=(); NGINX=()
cleanup() {
  for n in "${NGINX[@]}"; do nginx -p "$WORK/$n" -c "$WORK/$n/nginx.conf" -s stop 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/files"; chmod 755 "$WORK/files"
head -c "$SIZE" /dev/urandom > "$WORK/files/obj.bin"; chmod 644 "$WORK/files/obj.bin"
NAMES=(); URLS=(); PIDOF=()
port=$PORT0
for mode in on off; do
  n=nginx-sendfile-$mode; mkdir -p "$WORK/$n/logs"
  cat > "$WORK/$n/nginx.conf" <<NGINX
worker_processes 2;
error_log $WORK/$n/logs/error.log;
pid $WORK/$n/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile $mode;
  types { application/octet-stream bin; }
  server { listen 127.0.0.1:$port; location / { root $WORK/files; } }
}
NGINX
  nginx -p "$WORK/$n" -c "$WORK/$n/nginx.conf"; NGINX+=("$n")
  NAMES+=("$n"); URLS+=("http://127.0.0.1:$port/obj.bin"); PIDOF+=("nginx:$WORK/$n/nginx.pid")
  port=$((port + 1))
done
for spec in "${JARS[@]}"; do
  IFS=, read -r jar flags <<<"$spec"
  d="$WORK/coffer-$port"
  # shellcheck disable=SC2086
  java -Xmx512m ${flags//,/ } -jar "$jar" --server.port=$port --coffer.ui.port=-1 --coffer.data-dir="$d" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$d.log" 2>&1 &
  PIDS+=($!); PIDOF+=("$!")
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  URLS+=("$(python3 - "$port" "$WORK/files/obj.bin" <<'PY'
import sys, boto3
from botocore.config import Config
port, path = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
s3.put_object(Bucket="bench", Key="obj", Body=open(path, "rb").read())
print(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "obj"}, ExpiresIn=7200))
PY
)")
  NAMES+=("$(basename "$jar")${flags:+,$flags}"); port=$((port + 1))
done
ticks() { # CPU ticks so far of a server: a JVM's pid, or nginx's master and workers
  local p=$1 pids
  case $p in nginx:*) m=$(cat "${p#nginx:}"); pids="$m $(pgrep -P "$m" | tr '\n' ' ')";; *) pids=$p;; esac
  for q in $pids; do awk '{print $14 + $15}' /proc/"$q"/stat; done | awk '{s += $1} END {print s}'
}
run() { # index [seconds] -> "MB/s server-cpu-us-per-request client-cpu-us-per-request"
  local t0 out
  t0=$(ticks "${PIDOF[$1]}")
  out=$( { /usr/bin/time -f "CLIENT-CPU %U %S" wrk -t2 -c"$CONNS" -d"${2:-$SECS}s" --timeout 60s "${URLS[$1]}"; } 2>&1)
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk ${NAMES[$1]}: /" >&2 || true
  awk -v ticks=$(($(ticks "${PIDOF[$1]}") - t0)) -v hz="$(getconf CLK_TCK)" -v size="$SIZE" \
    '/requests in/ {n = $1} /Requests\/sec/ {r = $2} /CLIENT-CPU/ {c = $2 + $3}
     END {printf "%.0f %.0f %.0f\n", r * size / 1e6, ticks / hz * 1e6 / n, c * 1e6 / n}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for i in "${!NAMES[@]}"; do run "$i" "${WARMUP:-$SECS}" > /dev/null; done   # warm-up, not counted
declare -A res
for _ in $(seq "$RUNS"); do
  for i in "${!NAMES[@]}"; do res[$i]+="$(run "$i")"$'\n'; done
done
printf "%-44s %6s %9s %9s %9s   rounds (MB/s server-us client-us)   SIZE=%s, %s conns, %s x %ss\n" \
  server "MB/s" "server-us" "client-us" "sum-us" "$SIZE" "$CONNS" "$RUNS" "$SECS"
for i in "${!NAMES[@]}"; do
  r=${res[$i]}
  printf "%-44s %6s %9s %9s %9s   %s\n" "${NAMES[$i]}" "$(cut -d' ' -f1 <<<"$r" | grep . | median)" \
    "$(cut -d' ' -f2 <<<"$r" | grep . | median)" "$(cut -d' ' -f3 <<<"$r" | grep . | median)" \
    "$(grep . <<<"$r" | awk '{print $2 + $3}' | median)" "$(grep . <<<"$r" | tr '\n' '/')"
done
