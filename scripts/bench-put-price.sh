#!/usr/bin/env bash
# What a PUT costs each server, in one interleaved run: two Coffer jars (A, B; B may get its own
# environment, e.g. a throw-away build's switches), s3proxy 4.1.0 (no fsync) and nginx (dav PUT
# into a temp file and a rename, no fsync: the floor of receiving the bytes and writing a file).
# Per run and server: MB/s, the server's CPU per request (utime+stime of the process, nginx's
# master and workers, from /proc around the run) and wrk's own CPU per request (GNU time);
# then the medians over the rounds. CPU per request survives a loaded machine better than MB/s.
# Usage: scripts/bench-put-price.sh A.jar B.jar [rounds] [seconds]   (defaults 3 rounds of 8 s)
# Env: CASES (default "put1m put64m"; put1m: 16 connections, put64m: 4; put1g: one curl -T stream
# of a 1 GiB file, its CPU in the client column), SERVERS (default
# "a b s3proxy nginx"), B_ENV (e.g. "COFFER_BENCH_NOFSYNC=chunk,dir,wal"), PORT_BASE (9440:
# A, B, s3proxy, nginx on the next four ports), S3PROXY_DIR as in bench-http.sh.
# Needs: wrk, nginx (Debian's, dav module), curl, python3 with boto3, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; RUNS=${3:-3}; SECS=${4:-8}
CASES=${CASES:-put1m put64m}
SERVERS=${SERVERS:-a b s3proxy nginx}
P=${PORT_BASE:-9440}
declare -A PORT=([a]=$P [b]=$((P + 1)) [s3proxy]=$((P + 2)) [nginx]=$((P + 3)))
S3PROXY_JAR=${S3PROXY_DIR:-$HOME/.cache/coffer-bench}/s3proxy-4.1.0-jar-with-dependencies.jar
WORK=$(mktemp -d)
declare -A PID=()
cleanup() {
  for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PID[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
has() { [[ " $SERVERS " == *" $1 "* ]]; }

coffer() { # side jar env
  # shellcheck disable=SC2086
  env ${3:-} java -jar "$2" --server.port="${PORT[$1]}" --coffer.ui.port=-1 --coffer.data-dir="$WORK/$1" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$WORK/$1.log" 2>&1 &
  PID[$1]=$!
}
has a && coffer a "$A"
has b && coffer b "$B" "${B_ENV:-}"
if has s3proxy; then
  mkdir -p "$WORK/s3proxy"
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:${PORT[s3proxy]}" s3proxy.authorization=aws-v2-or-v4 \
    s3proxy.identity=BENCHKEY s3proxy.credential=BENCHSECRET jclouds.provider=filesystem \
    "jclouds.filesystem.basedir=$WORK/s3proxy" > "$WORK/s3proxy.conf"
  java -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
  PID[s3proxy]=$!
fi
if has nginx; then
  mkdir -p "$WORK/nginx/logs" "$WORK/nginx/put" "$WORK/nginx/tmp"
  chmod 755 "$WORK"; chmod 777 "$WORK/nginx/put" "$WORK/nginx/tmp"   # workers run unprivileged
  source scripts/bench/nginx-conf.sh
  nginx_conf "$WORK" "${PORT[nginx]}" > "$WORK/nginx/nginx.conf"
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
  for n in put1m put64m put1g; do echo "$n http://127.0.0.1:${PORT[nginx]}/put/$n.bin"; done > "$WORK/urls-nginx"
fi
for s in a b s3proxy; do
  has $s || continue
  port=${PORT[$s]}
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  python3 - "$port" > "$WORK/urls-$s" <<'PY'
import sys, boto3
from botocore.config import Config
port = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
for name in ("put1m", "put64m", "put1g"):  # presigned, UNSIGNED-PAYLOAD: s3proxy buffers a signed payload
    print(name, s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200))
PY
done
cat > "$WORK/put.lua" <<'LUA'
wrk.method = "PUT"
function init(args) wrk.body = string.rep("x", tonumber(args[1])) end
LUA
url() { awk -v n="$2" '$1==n {print $2}' "$WORK/urls-$1"; }
pids() { if [ "$1" = nginx ]; then local m; m=$(cat "$WORK/nginx/nginx.pid"); echo "$m" $(pgrep -P "$m"); else echo "${PID[$1]}"; fi; }
ticks() { local t=0 p; for p in $(pids "$1"); do t=$((t + $(awk '{print $14 + $15}' /proc/"$p"/stat))); done; echo $t; }
hz=$(getconf CLK_TCK)

[[ " $CASES " == *" put1g "* ]] && head -c 1073741824 /dev/urandom > "$WORK/1g"

run() { # server case -> "MB/s server-cpu-us-per-request client-cpu-us-per-request"
  local s=$1 c=$2 conns=16 bytes=1048576 t0 out
  [ "$c" = put64m ] && conns=4 bytes=67108864
  t0=$(ticks "$s")
  if [ "$c" = put1g ]; then
    out=$(/usr/bin/time -f "WRKCPU %U %S %e" curl -sf -T "$WORK/1g" "$(url "$s" put1g)" -o /dev/null 2>&1)
    awk -v ticks=$(($(ticks "$s") - t0)) -v hz="$hz" \
      '/^WRKCPU/ {printf "%.1f %.0f %.0f\n", 1073741824 / $4 / 1e6, ticks / hz * 1e6, ($2 + $3) * 1e6}' <<<"$out"
    return
  fi
  out=$(/usr/bin/time -f "WRKCPU %U %S" wrk -t2 -c$conns -d"${SECS}s" --timeout 120s -s "$WORK/put.lua" "$(url "$s" "$c")" -- $bytes 2>&1)
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk $c $s: /" >&2 || true
  awk -v ticks=$(($(ticks "$s") - t0)) -v hz="$hz" -v b=$bytes \
    '/requests in/ {n = $1} /Requests\/sec/ {r = $2} /^WRKCPU/ {w = $2 + $3}
     END {printf "%.1f %.0f %.0f\n", r * b / 1e6, ticks / hz * 1e6 / n, w * 1e6 / n}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); A=$(basename "$A") B=$(basename "$B") ${B_ENV:-}"
printf "%-7s %-8s %8s %14s %12s   %s\n" case server "MB/s" "server cpu-us" "client cpu-us" "runs (MB/s/server-us/client-us)"
for c in $CASES; do
  declare -A runs=()
  for s in $SERVERS; do run "$s" "$c" >/dev/null; done   # warm-up, not counted
  for _ in $(seq "$RUNS"); do for s in $SERVERS; do runs[$s]+="$(run "$s" "$c" | tr ' ' /) "; done; done
  for s in $SERVERS; do
    col() { tr ' ' '\n' <<<"${runs[$s]}" | grep . | cut -d/ -f"$1" | median; }
    printf "%-7s %-8s %8s %14s %12s   %s\n" "$c" "$s" "$(col 1)" "$(col 2)" "$(col 3)" "${runs[$s]}"
  done
  unset runs
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
