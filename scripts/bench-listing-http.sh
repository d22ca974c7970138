#!/usr/bin/env bash
# Listing at scale through HTTP with the AWS SDK for Java v2 (see docs/benchmarks.md, issue 23):
# starts the jar, makes bucket "bench", stops it, puts N objects straight into its catalogue
# (ListingHttpBenchmark fill: minutes, not the hours of N PUTs), starts it again on the same data
# directory and times 1,000-key ListObjectsV2 pages (p50/p99 of 200) and a full walk.
# Usage: scripts/bench-listing-http.sh [objects] [runs]   (defaults: 1000000 objects, 3 runs)
# Env: JAR (default api/target/coffer-exec.jar; copy it aside while others rebuild), PORT (9330),
# JAVA_OPTS (extra JVM flags for the server).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}; RUNS=${2:-3}
PORT=${PORT:-9330}
JAR=${JAR:-api/target/coffer-exec.jar}
WORK=$(mktemp -d /tmp/coffer-listing-XXXXXX)
SERVER=
stop() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi; SERVER=; }
trap 'stop; rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || mvn -B -o -q -pl api -am package -DskipTests
. scripts/bench/listing-classpath.sh
bench() { java -Xmx1g -cp "$CP" dev.coffer.compat.bench.ListingHttpBenchmark "$@"; }
start() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET >> "$WORK/coffer.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return; sleep 0.5; done
  cat "$WORK/coffer.log"; exit 1
}
start
bench create "$PORT"
stop
bench fill "$WORK/data" "$N"
start
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
bench bench "$PORT" "$N" "$RUNS" "$SERVER"
echo "server RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$SERVER/status")"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
