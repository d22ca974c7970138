#!/usr/bin/env bash
# Documented run: a lifecycle rule over a large bucket, on a server whose heap is capped, while
# wrk reads one 4 KiB object through a presigned URL. Prints the fill time, wrk's p50/p99 for the
# small GETs with no pass running, then every 10 s of the pass (a wrk slice of the same GETs) its
# progress (lifecycle done from /_coffer/metrics, heap, RSS) and the slice's p50/p99, then the
# pass's duration, the peak heap after GC and the peak RSS sampled during the pass. Usage:
#   scripts/lifecycle-scale.sh [objects] [heap]      (defaults: 200000, 256m)
# Needs python3 with boto3, curl and wrk. The fill is wrk PUTting empty objects through presigned
# URLs (made in Python, one file per wrk thread, read line by line: each connection stops when its
# file is done). The rule expires every object under big/ (Days=1 with a 2-second lifecycle day),
# in an unversioned bucket: each expiration is one synced command.
set -euo pipefail
cd "$(dirname "$0")/.."
OBJECTS=${1:-200000}
HEAP=${2:-256m}
PORT=${PORT:-9311}
CONNS=${CONNS:-64}
JAR=${JAR:-api/target/coffer-exec.jar}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || mvn -B -o -q -pl api -am package -DskipTests
java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" \
  --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=SCALEKEY --coffer.secret-key=SCALESECRET --coffer.metrics.public=true \
  --coffer.jobs.day-seconds=2 --logging.level.coffer.access=OFF > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

py() {
  python3 - "$PORT" "$WORK" "$@" <<'PY'
import sys, boto3, datetime, hashlib, hmac
from botocore.config import Config
port, work, what = sys.argv[1], sys.argv[2], sys.argv[3]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="SCALEKEY", aws_secret_access_key="SCALESECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
if what == "urls":
    # Presigned PUTs (SigV4 query, unsigned payload) for big/00000000.., signed here with the
    # derived key rather than by boto3 one at a time (which would take longer than the fill).
    n, threads = int(sys.argv[4]), int(sys.argv[5])
    s3.create_bucket(Bucket="scale")
    s3.put_object(Bucket="scale", Key="hot/small", Body=b"x" * 4096)
    now = datetime.datetime.now(datetime.timezone.utc)
    day, stamp = now.strftime("%Y%m%d"), now.strftime("%Y%m%dT%H%M%SZ")
    key = b"AWS4SCALESECRET"
    for part in (day, "us-east-1", "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    scope = f"{day}/us-east-1/s3/aws4_request"
    query = (f"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SCALEKEY%2F{scope.replace('/', '%2F')}"
             f"&X-Amz-Date={stamp}&X-Amz-Expires=86400&X-Amz-SignedHeaders=host")
    outs = [open(f"{work}/urls.{t}", "w") for t in range(threads)]
    for i in range(n):
        path = f"/scale/big/{i:08d}"
        canonical = f"PUT\n{path}\n{query}\nhost:127.0.0.1:{port}\n\nhost\nUNSIGNED-PAYLOAD"
        to_sign = f"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n" + hashlib.sha256(canonical.encode()).hexdigest()
        sig = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        outs[i % threads].write(f"{path}?{query}&X-Amz-Signature={sig}\n")
    for out in outs:
        out.close()
elif what == "rule":
    s3.put_bucket_lifecycle_configuration(Bucket="scale", LifecycleConfiguration={"Rules": [
        {"ID": "big", "Status": "Enabled", "Filter": {"Prefix": "big/"}, "Expiration": {"Days": 1}}]})
elif what == "presign":
    print(s3.generate_presigned_url("get_object", Params={"Bucket": "scale", "Key": "hot/small"}, ExpiresIn=86400))
elif what == "left":
    print(s3.list_objects_v2(Bucket="scale", Prefix="big/", MaxKeys=1)["KeyCount"])
elif what == "complete":
    n = int(sys.argv[4])
    have = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="scale", Prefix="big/", PaginationConfig={"PageSize": 1000}):
        have.update(o["Key"] for o in page.get("Contents", []))
    missing = [f"big/{i:08d}" for i in range(n) if f"big/{i:08d}" not in have]
    for key in missing:
        s3.put_object(Bucket="scale", Key=key, Body=b"")
    print(f"{len(have)} listed after wrk, {len(missing)} missing PUT again")
PY
}
metric() { curl -s "http://127.0.0.1:$PORT/_coffer/metrics" | awk -v s="$1" '$1 == s { print $2 }'; }
rss() { ps -o rss= -p "$SERVER" | awk '{printf "%d", $1/1024}'; }

# One PUT per line of the thread's file. wrk runs for its -d whatever its threads do, so once a
# thread's file is exhausted its connections send an unsigned GET (answered 403) while the last
# PUTs finish; when every PUT it read has its answer (or after 2000 answered GETs: wrk reads a line
# it never sends now and then) it writes done.<id> (its count of non-200 answers to PUTs) and stops,
# and the script sends wrk SIGINT (which ends it with its report). The keys then missing from a
# listing are PUT with boto3, and counted.
cat > "$WORK/fill.lua" <<'LUA'
local threads, lines, left, dir, read, answered, bad, idle = 0, nil, true, nil, 0, 0, 0, 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) dir = args[1]; lines = io.lines(dir .. "/urls." .. id) end
function request()
  local path = left and lines() or nil
  if path == nil then left = false; return wrk.format("GET", "/scale/?max-keys=0") end
  read = read + 1
  return wrk.format("PUT", path, nil, "")
end
function response(status)
  if status ~= 403 then
    answered = answered + 1
    if status ~= 200 then bad = bad + 1 end
  elseif not left then
    idle = idle + 1
  end
  if not left and (answered >= read or idle >= 2000) then
    local f = io.open(dir .. "/done." .. id, "w"); f:write(bad); f:close()
    wrk.thread:stop()
  end
end
LUA

start=$(date +%s)
py urls "$OBJECTS" 2
echo "presigned $OBJECTS PUTs in $(( $(date +%s) - start )) s"
start=$(date +%s)
wrk -t2 -c"$CONNS" -d24h --timeout 60s -s "$WORK/fill.lua" "http://127.0.0.1:$PORT/" -- "$WORK" > "$WORK/wrk-fill.txt" &
FILL=$!
until [ -f "$WORK/done.0" ] && [ -f "$WORK/done.1" ]; do sleep 1; done
kill -INT $FILL; wait $FILL || true
echo "non-200 answers to the fill's PUTs: $(( $(cat "$WORK/done.0") + $(cat "$WORK/done.1") ))"
fill=$(( $(date +%s) - start ))
grep -E "requests in|Non-2xx|Socket errors" "$WORK/wrk-fill.txt" || true
echo "wrk's fill: $fill s"
echo "completed: $(py complete "$OBJECTS"); whole fill: $(( $(date +%s) - start )) s"
echo "RSS after the fill: $(rss) MiB"

URL=$(py presign)
lat() { awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} /Requests\/sec/ {rps=$2} END {printf "p50=%s p99=%s req/s=%s", p50, p99, rps}' "$1"; }
wrk -t1 -c4 -d20s --latency "$URL" > "$WORK/wrk-idle.txt"
echo "small GETs (4 KiB, presigned, wrk -t1 -c4 -d20s) with no pass running: $(lat "$WORK/wrk-idle.txt")"
sleep 4
done0=$(metric 'coffer_jobs_done_total{kind="lifecycle"}')
py rule
pass_start=$(date +%s)
# While the pass runs: 10-second wrk slices of the same GETs, each followed by the pass's progress
# (the last slice may end after the pass).
peak=0
while [ "$(py left)" != "0" ]; do
  wrk -t1 -c4 -d10s --latency "$URL" > "$WORK/wrk-pass.txt"
  r=$(rss); [ "$r" -gt "$peak" ] && peak=$r
  echo "t=$(( $(date +%s) - pass_start )) s  lifecycle done=$(metric 'coffer_jobs_done_total{kind="lifecycle"}')" \
       "heap=$(jcmd $SERVER GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {print $(NF-2)}') rss=${r}MiB" \
       "GETs in the last 10 s: $(lat "$WORK/wrk-pass.txt")"
done
echo "pass over $OBJECTS objects: $(( $(date +%s) - pass_start )) s (lifecycle done $done0 -> $(metric 'coffer_jobs_done_total{kind="lifecycle"}'))"
echo "peak heap after GC (whole run, from the GC log): $(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | cut -d'>' -f2 | sort -n | tail -1) (-Xmx$HEAP)"
echo "peak RSS sampled every 10 s during the pass: ${peak} MiB; now $(rss) MiB"
