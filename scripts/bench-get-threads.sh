#!/usr/bin/env bash
# Per-request CPU of each thread group of two builds, both up at once, wrk turns alternating (A, B, A, B…): the
# event loops (reactor-http-*), the I/O pool (coffer-io-*), the access log, and the rest (GC, JIT, timers), from
# /proc/PID/task/*/stat — where a GET's CPU goes, and what a throw-away build moves between threads.
# Usage: scripts/bench-get-threads.sh A.jar B.jar [rounds=3] [seconds=8]   Env: CASES ("get4k floor"; also get1m, a
# 1 MiB object), WARM (15 s),
# APORT/BPORT (9400/9401), JAVA_OPTS (both servers). Needs wrk, python3 with boto3. A pool thread that ends between
# two readings (coffer-io retires threads idle for 60 s) takes its ticks with it.
set -euo pipefail
A=$1; B=$2; ROUNDS=${3:-3}; SECS=${4:-8}
W=$(mktemp -d); ROOT=$(cd "$(dirname "$0")/.." && pwd); PORTS=(${APORT:-9400} ${BPORT:-9401})
PIDS=()
for s in 0 1; do
  jar=$A; [ $s = 1 ] && jar=$B
  java -Xmx512m ${JAVA_OPTS:-} -jar $jar --server.port=${PORTS[$s]} --coffer.ui.port=-1 --coffer.data-dir=$W/d$s \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > /dev/null 2>&1 &
  PIDS+=($!)
done
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; wait; rm -rf "$W"' EXIT
for s in 0 1; do
  for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:${PORTS[$s]}/ && break; sleep 0.5; done
  (cd "$ROOT" && python3 scripts/bench/get4k_url.py ${PORTS[$s]} > $W/url$s)
  case " ${CASES:-} " in *" get1m "*) (cd "$ROOT" && python3 scripts/bench/get4k_url.py ${PORTS[$s]} 1048576 > $W/get1m$s);; esac
done
snap() { # pid -> "epoll io log other" ticks
  local pid=$1 e=0 i=0 l=0 o=0 t c v
  for t in /proc/$pid/task/*; do
    c=$(cat $t/comm 2>/dev/null) || continue; v=$(awk '{print $14+$15}' $t/stat 2>/dev/null) || continue
    case $c in reactor-http-*) e=$((e+v));; coffer-io-*) i=$((i+v));; coffer-access-*) l=$((l+v));; *) o=$((o+v));; esac
  done; echo $e $i $l $o
}
run() { # side case
  local s=$1 u; u=$(cat $W/url$s); [ $2 = floor ] && u=http://127.0.0.1:${PORTS[$s]}/_coffer/floor
  [ $2 = get1m ] && u=$(cat $W/get1m$s)
  local b; b=($(snap ${PIDS[$s]}))
  local out; out=$(wrk -t2 -c16 -d${SECS}s "$u")
  local a; a=($(snap ${PIDS[$s]}))
  local n; n=$(awk '/requests in/ {print $1}' <<<"$out")
  printf "%s %-5s %9s req/s  cpu-us/req: loop %5.1f io %5.1f log %5.1f other %5.1f total %5.1f  load %s\n" \
    $([ $s = 0 ] && echo A || echo B) $2 "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    $(awk -v n=$n -v e=$((a[0]-b[0])) -v i=$((a[1]-b[1])) -v l=$((a[2]-b[2])) -v o=$((a[3]-b[3])) \
      -v hz="$(getconf CLK_TCK)" 'BEGIN {f=1e6/hz/n; printf "%.1f %.1f %.1f %.1f %.1f", e*f, i*f, l*f, o*f, (e+i+l+o)*f}') "$(cut -d' ' -f1 /proc/loadavg)"
}
for c in ${CASES:-get4k floor}; do
  for s in 0 1; do SECS=${WARM:-15} run $s $c > /dev/null; done
  for r in $(seq $ROUNDS); do run 0 $c; run 1 $c; done
done
