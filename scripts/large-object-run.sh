#!/usr/bin/env bash
# Documented run: upload and download one large object through a server whose heap is capped,
# and compare the bytes. Usage: scripts/large-object-run.sh [size-in-MiB] [heap]
# (defaults: 2048 MiB, -Xmx256m). Needs python3 with boto3 (for the presigned URLs) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-2048}
HEAP=${2:-256m}
PORT=${PORT:-9310}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f api/target/coffer-exec.jar ] || mvn -q -DskipTests package
java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar api/target/coffer-exec.jar \
  --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=LARGEKEY --coffer.secret-key=LARGESECRET > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
curl -s -o /dev/null "http://127.0.0.1:$PORT/" || { cat "$WORK/server.log"; exit 1; }

head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$WORK/in.bin"
presign() {
  python3 - "$1" "$PORT" <<'PY'
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[2]}", region_name="us-east-1",
                  aws_access_key_id="LARGEKEY", aws_secret_access_key="LARGESECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
if sys.argv[1] == "create":
    s3.create_bucket(Bucket="large")
else:
    print(s3.generate_presigned_url(sys.argv[1], Params={"Bucket": "large", "Key": "big.bin"}, ExpiresIn=3600))
PY
}
presign create
start=$(date +%s.%N)
curl -sf -T "$WORK/in.bin" "$(presign put_object)" -o /dev/null
mid=$(date +%s.%N)
curl -sf "$(presign get_object)" -o "$WORK/out.bin"
end=$(date +%s.%N)
cmp "$WORK/in.bin" "$WORK/out.bin"
echo "bytes identical: $SIZE_MIB MiB with -Xmx$HEAP"
awk -v a="$start" -v b="$mid" -v c="$end" -v s="$SIZE_MIB" \
  'BEGIN { printf "upload %.1f s (%.0f MiB/s), download %.1f s (%.0f MiB/s)\n", b-a, s/(b-a), c-b, s/(c-b) }'
echo "peak heap after GC (from the GC log): $(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | cut -d'>' -f2 | sort -n | tail -1)"
echo "server RSS: $(ps -o rss= -p $SERVER | awk '{printf "%.0f MiB", $1/1024}')"
