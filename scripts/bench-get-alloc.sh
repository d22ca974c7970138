#!/usr/bin/env bash
# Bytes allocated per request by the whole server (every thread: JFR jdk.ThreadAllocationStatistics at the start and
# end of a recording around one wrk run, summed over threads, divided by the requests) and its CPU µs per request, for
# each of CASES: get4k (a presigned GET of a 4 KiB object), head4k (its presigned HEAD, sent by
# scripts/bench/head_load.py: wrk waits for the body a HEAD announces), put4k (presigned 4 KiB PUTs cycling 256 keys),
# list1k (a presigned ListObjectsV2 page of 1,000 keys) and floor (a 404 of /_coffer/floor); after each, the threads
# that allocated most, per request. Allocation per request hardly moves with the load; at a few hundred req/s the
# background threads' share starts to show. One server at a time; WARM s of each case's load first (the JIT: ~60 s
# before a GET 4 KiB settles; escape analysis removes some allocations once C2 has compiled the path).
# Usage: scripts/bench-get-alloc.sh JAR [label] [port=9402]
# Env: CASES ("get4k floor"), ROUNDS ("1 2 3"), WARM (15 s), SECS (10 s)
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
CASES=${CASES:-get4k floor}
python3 scripts/bench/alloc_urls.py $PORT $W "$CASES" > $W/urls
load() { # case seconds: wrk's output
  local u; u=$(awk -v c=$1 '$1 == c {print $2}' $W/urls)
  case $1 in
    floor) wrk -t2 -c16 -d${2}s http://127.0.0.1:$PORT/_coffer/floor ;;
    put4k) wrk -t2 -c16 -d${2}s --timeout 60s -s scripts/bench/put-keys.lua http://127.0.0.1:$PORT/ -- "$u" ;;
    head4k) python3 scripts/bench/head_load.py "$u" $2 8 ;;
    *) wrk -t2 -c16 -d${2}s "$u" ;;
  esac
}
for c in $CASES; do
  load $c ${WARM:-15} > /dev/null
  for r in ${ROUNDS:-1 2 3}; do
    jcmd $PID JFR.start name=a settings=$W/alloc.jfc filename=$W/$c$r.jfr > /dev/null
    t0=$(awk '{print $14 + $15}' /proc/$PID/stat)
    out=$(load $c $SECS)
    [ $c = floor ] || grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/$c: /" >&2 || true
    t1=$(awk '{print $14 + $15}' /proc/$PID/stat)
    jcmd $PID JFR.stop name=a > /dev/null
    n=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    [ -n "$n" ] && [ "$n" -gt 0 ] || { echo "$TAG $c round $r: no requests" >&2; continue; }
    # the total, then the largest thread groups by name (digits dropped: reactor-http-epoll-#), per request
    read -r bytes groups < <(jfr print --json --events jdk.ThreadAllocationStatistics $W/$c$r.jfr | python3 -c '
import json, re, sys, collections
ev=json.load(sys.stdin)["recording"]["events"]; first={}; last={}; name={}
for e in ev:
    v=e["values"]; th=v.get("thread") or {}; t=th.get("javaThreadId", -1)
    first.setdefault(t, v["allocated"]); last[t]=v["allocated"]; name[t]=re.sub(r"[0-9]+", "#", th.get("javaName") or "?")
by=collections.Counter()
for t in last: by[name[t]] += last[t]-first[t]
n=int(sys.argv[1])
print(sum(by.values()), " ".join(f"{k}={v // n}" for k, v in by.most_common(4)))' "$n")
    echo "$TAG $c round $r: $rps req/s, $(( (t1-t0)*1000000 / $(getconf CLK_TCK) / n )) cpu-us/req, $((bytes / n)) B/req ($groups), load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
