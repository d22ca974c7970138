#!/usr/bin/env bash
# Single node vs three-node cluster, each behind Debian's nginx on loopback (docker/nginx.conf and
# docker/nginx-cluster.conf, rewritten to loopback ports as the ITs do), in one run: wrk's turns
# alternate single, cluster, single, cluster … so that a shared machine's noise falls on both
# alike. Prints the median req/s of RUNS turns per case and side, and cluster/single.
# Usage: scripts/bench-cluster.sh [runs] [seconds-per-run]   (defaults: 3 runs of 10 s)
# Env: JAR (default api/target/coffer-exec.jar; copy it aside while others rebuild), CASES
# (default "get4k put4k-keys": GET of one 4 KiB object; PUT of 4 KiB to 256 distinct keys; also
# "get64m": GET of one 64 MiB object, "put64m": PUT of 64 MiB over one key, each answered
# with MB/s too), CONNS (wrk connections for 4 KiB, default 16), CONNS64 (for 64 MiB, default 2).
# Needs: wrk, nginx, curl, python3 with boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-3}
SECS=${2:-10}
JAR=$(realpath "${JAR:-api/target/coffer-exec.jar}")
CASES=${CASES:-get4k put4k-keys}
CONNS=${CONNS:-16}
CONNS64=${CONNS64:-2}
KEY=BENCHCLUSTERKEY; SECRET=BENCHCLUSTERSECRET
WORK=$(mktemp -d)
SINGLE=
cleanup() {
  for n in single cluster; do
    [ -f "$WORK/nginx-$n/nginx.pid" ] && kill "$(cat "$WORK/nginx-$n/nginx.pid")" 2>/dev/null || true
  done
  [ -n "$SINGLE" ] && { kill "$SINGLE" 2>/dev/null || true; wait "$SINGLE" 2>/dev/null || true; }
  [ -d "$WORK/cluster" ] && COFFER_ACCESS_KEY=$KEY COFFER_SECRET_KEY=$SECRET scripts/cluster-local.sh down "$WORK/cluster" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# nginx NAME CONF LISTEN-PORT UPSTREAM-PORTS...: the repository's conf on loopback, no access log.
nginx_on() {
  local name=$1 conf=$2 listen=$3; shift 3
  local dir="$WORK/nginx-$name" i=1 port
  mkdir -p "$dir/logs"
  cp "$ROOT/docker/$conf" "$dir/nginx.conf"
  sed -i -e "s#^pid .*#pid $dir/nginx.pid;#" -e 's#access_log /dev/stdout s3;#access_log off;#' \
      -e "s#error_log /dev/stderr warn;#error_log $dir/error.log warn;#" \
      -e "s#listen 9000 default_server;#listen 127.0.0.1:$listen default_server;#" -e '/listen \[::\]:900[01]/d' \
      -e "s#listen 9001;#listen 127.0.0.1:$(free_port);#" \
      -e "s#^http {#http {\n    client_body_temp_path $dir/body;\n    proxy_temp_path $dir/proxy;#" "$dir/nginx.conf"
  for port in "$@"; do
    sed -i -e "s#server coffer:9000#server 127.0.0.1:$port#" -e "s#server coffer$i:9000#server 127.0.0.1:$port#" \
        -e "s#server coffer:9001#server 127.0.0.1:$(free_port)#" -e "s#server coffer$i:9001#server 127.0.0.1:$(free_port)#" \
        "$dir/nginx.conf"
    i=$((i + 1))
  done
  nginx -p "$dir" -c "$dir/nginx.conf"
}

echo "starting a single node and a three-node cluster ..." >&2
SPORT=$(free_port)
java -Xmx256m -jar "$JAR" --server.port="$SPORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/single" \
  --coffer.access-key=$KEY --coffer.secret-key=$SECRET > "$WORK/single.log" 2>&1 &
SINGLE=$!
mapfile -t NODES < <(COFFER_ACCESS_KEY=$KEY COFFER_SECRET_KEY=$SECRET COFFER_JAR="$JAR" JAVA_OPTS=-Xmx256m \
  scripts/cluster-local.sh up 3 "$WORK/cluster")
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$SPORT/" && break; sleep 0.5; done
NS=$(free_port); NC=$(free_port)
nginx_on single nginx.conf "$NS" "$SPORT"
nginx_on cluster nginx-cluster.conf "$NC" "${NODES[@]##*:}"

for side in single cluster; do
  port=$NS; [ $side = cluster ] && port=$NC
  python3 - "$port" "$WORK/urls-$side" "$KEY" "$SECRET" <<'PY'
import sys, os, boto3
from botocore.config import Config
port, out, key, secret = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id=key, aws_secret_access_key=secret,
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
os.makedirs(out, exist_ok=True)
s3.put_object(Bucket="bench", Key="get4k", Body=os.urandom(4096))
with open(f"{out}/get4k", "w") as f:
    f.write(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200))
big = os.urandom(64 << 20)
s3.put_object(Bucket="bench", Key="get64m", Body=big)
with open(f"{out}/get64m", "w") as f:
    f.write(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get64m"}, ExpiresIn=7200))
with open(f"{out}/put64m", "w") as f:  # one key, overwritten: the collector removes what each PUT supersedes
    url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": "put64m"}, ExpiresIn=7200)
    f.write(url.split(str(port), 1)[1] + "\n")
with open(f"{out}/put4k-keys", "w") as f:  # 256 keys, presigned: wrk sends them as they are
    for i in range(256):
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put4k/{i}"}, ExpiresIn=7200)
        f.write(url.split(str(port), 1)[1] + "\n")
PY
done
cat > "$WORK/put.lua" <<'LUA'
local paths, n, threads, body = {}, 0, 0, nil
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args)
  body = string.rep("x", tonumber(args[1]))
  for line in io.lines(args[2]) do paths[#paths + 1] = line end
  n = id * 128
end
function request()
  n = n + 1
  return wrk.format("PUT", paths[(n % #paths) + 1], nil, body)
end
LUA
run() { # side case: req/s
  local port=$NS dir="$WORK/urls-$1" out
  [ "$1" = cluster ] && port=$NC
  local w=(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 60s)
  case $2 in
    get4k) out=$("${w[@]}" "$(cat "$dir/get4k")") ;;
    put4k-keys) out=$("${w[@]}" -s "$WORK/put.lua" "http://127.0.0.1:$port/" -- 4096 "$dir/put4k-keys") ;;
    get64m) out=$("${w[@]}" -c"$CONNS64" "$(cat "$dir/get64m")") ;;
    put64m) out=$("${w[@]}" -c"$CONNS64" -s "$WORK/put.lua" "http://127.0.0.1:$port/" -- 67108864 "$dir/put64m") ;;
  esac
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk $2 $1: /" >&2 || true
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf "%-11s %12s %12s %9s   (median of %s x %ss, %s conns, through nginx; load %s)\n" case "single/s" "cluster/s" \
  "cluster/1" "$RUNS" "$SECS" "$CONNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CASES; do
  run single "$c" >/dev/null; run cluster "$c" >/dev/null   # warm-up, not counted
  s=(); k=()
  for _ in $(seq "$RUNS"); do s+=("$(run single "$c")"); k+=("$(run cluster "$c")"); done
  sm=$(printf "%s\n" "${s[@]}" | median); km=$(printf "%s\n" "${k[@]}" | median)
  printf "%-11s %12.2f %12.2f %9.2f   single: %s  cluster: %s\n" "$c" "$sm" "$km" "$(echo "$km / $sm" | bc -l)" "${s[*]}" "${k[*]}"
  case $c in *64m) printf "%-11s %12.0f %12.0f   MB/s (req/s x 67.1 MB, %s connections)\n" "" \
      "$(echo "$sm * 67.108864" | bc -l)" "$(echo "$km * 67.108864" | bc -l)" "$CONNS64" ;; esac
done
