#!/usr/bin/env bash
# Documented run: a lifecycle rule over a large bucket, on a server whose heap is capped, while
# wrk reads one small object through a presigned URL. Prints the pass's progress (lifecycle
# done/backlog from /_coffer/metrics), the peak heap after GC, and wrk's latency percentiles
# for the small GETs taken while the pass runs. Usage:
#   scripts/lifecycle-scale.sh [objects] [heap]      (defaults: 200000, 256m)
# Needs python3 with boto3, curl and wrk. The rule expires every object under big/ (Days=1 with a
# 2-second lifecycle day), in an unversioned bucket: each expiration is one synced command.
set -euo pipefail
cd "$(dirname "$0")/.."
OBJECTS=${1:-200000}
HEAP=${2:-256m}
PORT=${PORT:-9311}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f api/target/coffer-exec.jar ] || mvn -q -DskipTests package
java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar api/target/coffer-exec.jar \
  --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=SCALEKEY --coffer.secret-key=SCALESECRET --coffer.metrics.public=true \
  --coffer.jobs.day-seconds=2 --logging.level.coffer.access=OFF > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

py() {
  python3 - "$PORT" "$@" <<'PY'
import sys, boto3, concurrent.futures
from botocore.config import Config
port, what = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="SCALEKEY", aws_secret_access_key="SCALESECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, max_pool_connections=32))
if what == "fill":
    n = int(sys.argv[3])
    s3.create_bucket(Bucket="scale")
    s3.put_object(Bucket="scale", Key="hot/small", Body=b"x" * 1024)
    def put(i):
        s3.put_object(Bucket="scale", Key=f"big/{i:08d}", Body=b"")
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        list(pool.map(put, range(n)))
elif what == "rule":
    s3.put_bucket_lifecycle_configuration(Bucket="scale", LifecycleConfiguration={"Rules": [
        {"ID": "big", "Status": "Enabled", "Filter": {"Prefix": "big/"}, "Expiration": {"Days": 1}}]})
elif what == "presign":
    print(s3.generate_presigned_url("get_object", Params={"Bucket": "scale", "Key": "hot/small"}, ExpiresIn=3600))
elif what == "left":
    print(s3.list_objects_v2(Bucket="scale", Prefix="big/", MaxKeys=1)["KeyCount"])
PY
}
metric() { curl -s "http://127.0.0.1:$PORT/_coffer/metrics" | awk -v s="$1" '$1 == s { print $2 }'; }

start=$(date +%s)
py fill "$OBJECTS"
echo "filled $OBJECTS objects in $(( $(date +%s) - start )) s"
URL=$(py presign)
wrk -t1 -c4 -d10s --latency "$URL" > "$WORK/wrk-idle.txt"
sleep 4
py rule
pass_start=$(date +%s)
wrk -t1 -c4 -d60s --latency "$URL" > "$WORK/wrk-pass.txt" &
WRK=$!
while [ "$(py left)" != "0" ]; do
  echo "t=$(( $(date +%s) - pass_start )) s  lifecycle done=$(metric 'coffer_jobs_done_total{kind="lifecycle"}')" \
       "heap=$(jcmd $SERVER GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {print $(NF-2)}')"
  sleep 5
done
echo "pass over $OBJECTS objects: $(( $(date +%s) - pass_start )) s"
wait $WRK || true
echo "--- small GETs (1 KiB, presigned, wrk -c4) with no pass running:"
grep -E "50%|99%|Requests/sec" "$WORK/wrk-idle.txt"
echo "--- the same during the lifecycle pass (first 60 s):"
grep -E "50%|99%|Requests/sec" "$WORK/wrk-pass.txt"
echo "peak heap after GC (from the GC log): $(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | cut -d'>' -f2 | sort -n | tail -1) (-Xmx$HEAP)"
echo "server RSS: $(ps -o rss= -p $SERVER | awk '{printf "%.0f MiB", $1/1024}')"
