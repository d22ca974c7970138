#!/usr/bin/env bash
# HTTP benchmark: Coffer GET/PUT throughput against nginx serving the same bytes from disk
# (sendfile), measured in one run so the ratio means something on a noisy machine.
# Usage: scripts/bench-http.sh [runs] [seconds-per-run]   (defaults: 3 runs of 10 s)
# Needs: wrk, nginx (Debian packages), python3 with boto3 (presigned URLs), a built jar.
# Env: JAR (default api/target/coffer-exec.jar; copy it aside to compare two builds while others
# rebuild), JAVA_OPTS (extra JVM flags, e.g. a JFR recording), COFFER_ARGS (extra --coffer.* flags),
# CPORT/NPORT (ports).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECS=${2:-10}
CPORT=${CPORT:-9320}
NPORT=${NPORT:-9321}
JAR=${JAR:-api/target/coffer-exec.jar}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || mvn -q -DskipTests package
# shellcheck disable=SC2086
java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" --server.port=$CPORT --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET ${COFFER_ARGS:-} > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$CPORT/" && break; sleep 0.5; done
curl -s -o /dev/null "http://127.0.0.1:$CPORT/" || { cat "$WORK/server.log"; exit 1; }

mkdir -p "$WORK/files" "$WORK/nginx/logs"
chmod 755 "$WORK" "$WORK/files"   # nginx workers run unprivileged
head -c 4096 /dev/urandom > "$WORK/files/small.bin"
head -c 1048576 /dev/urandom > "$WORK/files/medium.bin"
head -c 67108864 /dev/urandom > "$WORK/files/large.bin"
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 2;
error_log $WORK/nginx/logs/error.log;
pid $WORK/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:$NPORT; root $WORK/files; }
  types { application/octet-stream bin; }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"

python3 - "$CPORT" "$WORK" > "$WORK/urls" <<'PY'
import sys, boto3
from botocore.config import Config
port, work = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
for name in ("small", "medium", "large"):
    with open(f"{work}/files/{name}.bin", "rb") as body:
        s3.put_object(Bucket="bench", Key=f"{name}.bin", Body=body)
    print(name, s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200))
print("put", s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": "put.bin"}, ExpiresIn=7200))
with open(f"{work}/put-paths", "w") as paths:  # path?query of 256 keys, for PUTs that can group-commit
    for i in range(256):
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put/{i}.bin"}, ExpiresIn=7200)
        paths.write(url.split(str(port), 1)[1] + "\n")
PY
url() { awk -v n="$1" '$1==n {print $2}' "$WORK/urls"; }
cat > "$WORK/put.lua" <<'LUA'
wrk.method = "PUT"
wrk.body = string.rep("x", 4096)
LUA
# Each connection cycles through the 256 keys from its own offset: one key's writes serialize on
# its lock, distinct keys' synced writes share WAL fsyncs.
cat > "$WORK/put-keys.lua" <<'LUA'
local paths, n, threads = {}, 0, 0
local body = string.rep("x", 4096)
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) for line in io.lines(args[1]) do paths[#paths + 1] = line end; n = id * 128 end
function request() n = n + 1; return wrk.format("PUT", paths[(n % #paths) + 1], nil, body) end
LUA

# Prints requests/s of one wrk run; a run with error responses says so on stderr.
rate() {
  wrk -t2 -c"$2" -d"${SECS}s" ${3:+-s "$3"} "$1" ${4:+-- "$4"} \
    | awk '/Non-2xx|Socket errors/ {print "wrk: " $0 > "/dev/stderr"} /Requests\/sec/ {print $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf "%-28s %14s %14s %8s\n" "case (median of $RUNS x ${SECS}s)" "coffer req/s" "nginx req/s" "ratio"
for name in small medium large; do
  conns=16; [ "$name" = large ] && conns=4
  c=(); n=()
  for _ in $(seq "$RUNS"); do
    c+=("$(rate "$(url $name)" $conns)")
    n+=("$(rate "http://127.0.0.1:$NPORT/$name.bin" $conns)")
  done
  cm=$(printf "%s\n" "${c[@]}" | median); nm=$(printf "%s\n" "${n[@]}" | median)
  printf "%-28s %14.0f %14.0f %8.2f\n" "GET $name.bin, $conns conns" "$cm" "$nm" "$(echo "$cm / $nm" | bc -l)"
done
p=()
for _ in $(seq "$RUNS"); do p+=("$(rate "$(url put)" 16 "$WORK/put.lua")"); done
printf "%-28s %14.0f %14s %8s\n" "PUT 4 KiB (fsync), 16 conns" "$(printf "%s\n" "${p[@]}" | median)" "-" "-"
p=()
for _ in $(seq "$RUNS"); do p+=("$(rate "http://127.0.0.1:$CPORT/" 16 "$WORK/put-keys.lua" "$WORK/put-paths")"); done
printf "%-28s %14.0f %14s %8s\n" "PUT 4 KiB, 256 keys, 16 c." "$(printf "%s\n" "${p[@]}" | median)" "-" "-"
