#!/usr/bin/env bash
# Documented run: a 5 GiB (+1 MiB) object uploaded and downloaded by the aws CLI at its defaults
# (multipart, 8 MiB parts, 10 threads) through a server whose heap is capped; bytes compared.
# Then CopyObject of that >5 GiB object is refused (InvalidRequest) as S3 refuses it.
# Usage: scripts/multipart-large-run.sh [size-in-MiB] [heap]   (defaults: 5121 MiB, -Xmx256m)
# Needs the aws CLI, curl and ~3x the size in free disk under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-5121}
HEAP=${2:-256m}
PORT=${PORT:-9311}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f api/target/coffer-exec.jar ] || mvn -q -DskipTests package
java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar api/target/coffer-exec.jar \
  --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
  --coffer.access-key=LARGEKEY --coffer.secret-key=LARGESECRET > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done

export AWS_ACCESS_KEY_ID=LARGEKEY AWS_SECRET_ACCESS_KEY=LARGESECRET AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
aws_() { aws --endpoint-url "http://127.0.0.1:$PORT" "$@"; }

head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$WORK/in.bin"
aws_ s3 mb s3://large > /dev/null
start=$(date +%s.%N)
aws_ s3 cp --only-show-errors "$WORK/in.bin" s3://large/big.bin
mid=$(date +%s.%N)
aws_ s3 cp --only-show-errors s3://large/big.bin "$WORK/out.bin"
end=$(date +%s.%N)
cmp "$WORK/in.bin" "$WORK/out.bin"
echo "bytes identical: $SIZE_MIB MiB with -Xmx$HEAP, ETag $(aws_ s3api head-object --bucket large --key big.bin --query ETag --output text)"
awk -v a="$start" -v b="$mid" -v c="$end" -v s="$SIZE_MIB" \
  'BEGIN { printf "upload %.1f s (%.0f MiB/s), download %.1f s (%.0f MiB/s)\n", b-a, s/(b-a), c-b, s/(c-b) }'
echo "peak heap after GC (from the GC log): $(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | cut -d'>' -f2 | sort -n | tail -1)"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$SERVER/status)"
if [ "$SIZE_MIB" -gt 5120 ]; then
  if out=$(aws_ s3api copy-object --bucket large --key copy.bin --copy-source large/big.bin 2>&1); then
    echo "CopyObject of a >5 GiB source was accepted: $out"; exit 1
  fi
  echo "CopyObject of the >5 GiB source refused: $(echo "$out" | grep -oE '\(InvalidRequest\)[^.]*')"
fi
