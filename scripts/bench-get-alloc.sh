#!/usr/bin/env bash
# Bytes allocated per request by the whole server (every thread: JFR jdk.ThreadAllocationStatistics at the start and
# end of a recording around one wrk run, summed over threads, divided by the requests) and its CPU µs per request, for
# GET 4 KiB (presigned) and the floor (a 404 of /_coffer/floor). Allocation per request hardly moves with the load;
# at a few hundred req/s the background threads' share starts to show. One server at a time.
# Usage: scripts/bench-get-alloc.sh JAR [label] [port=9402]   Env: ROUNDS ("1 2 3"), WARM (15 s), SECS (10 s)
set -euo pipefail
JAR=$(readlink -f "$1"); TAG=${2:-$(basename "$1")}; PORT=${3:-9402}; SECS=${SECS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
cat > $W/alloc.jfc <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="alloc">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
</configuration>
JFC
java -Xmx512m ${JAVA_OPTS:-} -jar $JAR --server.port=$PORT --coffer.ui.port=-1 --coffer.data-dir=$W/data \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > /dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait; rm -rf "$W"' EXIT
for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$PORT/ && break; sleep 0.5; done
cd "$ROOT"
python3 scripts/bench/get4k_url.py $PORT > $W/url
URL=$(cat $W/url)
for c in get4k floor; do
  u=$URL; [ $c = floor ] && u=http://127.0.0.1:$PORT/_coffer/floor
  wrk -t2 -c16 -d${WARM:-15}s "$u" > /dev/null
  for r in ${ROUNDS:-1 2 3}; do
    jcmd $PID JFR.start name=a settings=$W/alloc.jfc filename=$W/$c$r.jfr > /dev/null
    t0=$(awk '{print $14 + $15}' /proc/$PID/stat)
    out=$(wrk -t2 -c16 -d${SECS}s "$u")
    t1=$(awk '{print $14 + $15}' /proc/$PID/stat)
    jcmd $PID JFR.stop name=a > /dev/null
    n=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    bytes=$(jfr print --json --events jdk.ThreadAllocationStatistics $W/$c$r.jfr | python3 -c '
import json,sys
ev=json.load(sys.stdin)["recording"]["events"]; first={}; last={}
for e in ev:
    v=e["values"]; t=v["thread"]["javaThreadId"] if v.get("thread") else -1
    first.setdefault(t, v["allocated"]); last[t]=v["allocated"]
print(sum(last[t]-first[t] for t in last))')
    echo "$TAG $c round $r: $rps req/s, $(( (t1-t0)*1000000 / $(getconf CLK_TCK) / n )) cpu-us/req, $((bytes / n)) B/req, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
