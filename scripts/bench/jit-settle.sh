#!/usr/bin/env bash
# How long a server's JIT takes to settle under a GET load: one server started with -XX:+PrintCompilation, a 1 MiB
# object (or SIZE bytes) GET by wrk (presigned, -t2 -c16) in 10-s windows; per window the requests, the process's CPU
# µs per request, the JIT compiler threads' (C1 and C2) µs per request, and the methods compiled (PrintCompilation
# lines). docs/benchmarks.md, "GET 1 MiB, ninth pass".
# Usage: scripts/bench/jit-settle.sh JAR [windows=12]   Env: PORT (9403), SIZE (1048576), JAVA_OPTS.
# Needs: wrk, curl, python3 with boto3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(readlink -f "$1"); P=${PORT:-9403}; W=$(mktemp -d)
# shellcheck disable=SC2086
java -Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation ${JAVA_OPTS:-} -jar "$JAR" --server.port=$P \
  --coffer.ui.port=-1 --coffer.data-dir=$W/data --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > $W/log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait; rm -rf "$W"' EXIT
for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$P/ && break; sleep 0.5; done
URL=$(cd "$ROOT" && python3 scripts/bench/get4k_url.py $P "${SIZE:-1048576}")
jit() { local s=0 t; for t in /proc/$PID/task/*; do case $(cat $t/comm) in C1*|C2*) s=$((s + $(awk '{print $14 + $15}' $t/stat)));; esac; done; echo $s; }
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
compiled() { grep -cE '^ +[0-9]+ +[0-9]+ ' $W/log || true; }
hz=$(getconf CLK_TCK)
for i in $(seq "${2:-12}"); do
  c0=$(cpu); j0=$(jit); m0=$(compiled)
  n=$(wrk -t2 -c16 -d10s "$URL" | awk '/requests in/ {print $1}')
  c1=$(cpu); j1=$(jit); m1=$(compiled)
  echo "$((i * 10)) s: $n requests, $(( (c1 - c0) * 1000000 / hz / n )) cpu-us/req, JIT $(( (j1 - j0) * 1000000 / hz / n )) us/req," \
    "$((m1 - m0)) compilations, load $(cut -d' ' -f1 /proc/loadavg)"
done
