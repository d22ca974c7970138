#!/usr/bin/env bash
# GET 1 MiB: the floor of a verified GET and the parts above it, in one interleaved run (docs/benchmarks.md,
# "GET 1 MiB, eighth pass"). FLOOR_JAR is main with scripts/bench/get1m-floor.patch applied (a throw-away
# build: a plain Netty server beside the normal one, same JVM, same chunk files); MAIN_JAR is main as it is.
# Cases, wrk turns alternating round by round:
#   nginx        nginx, sendfile on (the goal's reference)
#   loop         plain Netty: open the chunk, CRC-check every block, head + region + end in one flush, all on the event loop
#   hop          the same, open and check on coffer-io, the send back on the event loop (DESIGN's rule)
#   hop-nocheck  the same without the check
#   pipe         plain Netty: the version from the hot records, Coffer's region pipeline (VerifiedRegions)
#   webflux      the pipe through the normal server (ObservingHttpHandler, Spring's adapter, Reactor Netty's
#                response, ZeroCopyBody): a presigned GET with header x-floor, no S3 work
#   webflux-loop the same, each message handed to the connection's event loop before Spring commits the
#                headers (one event-loop task for headers and region instead of two; header x-floor: loop)
#   s3           the presigned GET through the floor jar's S3 path (main's code)
#   main         the presigned GET through MAIN_JAR, a process of its own
# Prints per case the medians of: MB/s, server CPU µs per request (utime+stime of its processes), client (wrk)
# µs per request, context switches of the server per request (voluntary + involuntary, all its threads).
# Usage: scripts/bench-get-floor1m.sh [rounds] [seconds] FLOOR_JAR MAIN_JAR
# Env: CONNS (16), PORT0 (9525: nginx, +1 floor jar's S3, +2 its floor, +3 main), WARMUP (s per case, 30),
#      CASES (default all), STRACE=1 (after the rounds, syscalls per request of each case: strace -f -c, SECS s)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; SECS=${2:-10}; FLOOR_JAR=$3; MAIN_JAR=$4
CONNS=${CONNS:-16}; PORT0=${PORT0:-9525}; SIZE=1048576
CASES=${CASES:-"nginx loop hop hop-nocheck pipe webflux webflux-loop s3 main"}
WORK=$(mktemp -d); chmod 755 "$WORK"; PIDS=()
cleanup() {
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/files" "$WORK/nginx/logs" "$WORK/nginx/tmp"; chmod 755 "$WORK/files"
head -c "$SIZE" /dev/urandom > "$WORK/files/obj.bin"; chmod 644 "$WORK/files/obj.bin"
. scripts/bench/nginx-conf.sh; nginx_conf "$WORK" "$PORT0" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
start() { # jar port [jvm flags] -> the object "get1m" put and its presigned URL in $WORK/url-<port>
  local jar=$1 port=$2; shift 2
  java -Xmx512m "$@" -jar "$jar" --server.port="$port" --coffer.ui.port=-1 --coffer.data-dir="$WORK/data-$port" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$WORK/log-$port" 2>&1 &
  PIDS+=($!); echo $! > "$WORK/pid-$port"
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  python3 scripts/bench/get4k_url.py "$port" "$SIZE" > "$WORK/url-$port"
}
S=$((PORT0 + 1)); F=$((PORT0 + 2)); M=$((PORT0 + 3))
start "$FLOOR_JAR" $S -Dthrowaway.floor.port=$F
start "$MAIN_JAR" $M
FP=$(cat "$WORK/pid-$S"); MP=$(cat "$WORK/pid-$M")
ID=$(curl -s "http://127.0.0.1:$F/id/bench/get1m")
declare -A URL PID HDR
URL[nginx]=http://127.0.0.1:$PORT0/obj.bin; PID[nginx]=nginx
URL[loop]=http://127.0.0.1:$F/loop/$ID; URL[hop]=http://127.0.0.1:$F/hop/$ID
URL[hop-nocheck]=http://127.0.0.1:$F/hopnocheck/$ID; URL[pipe]=http://127.0.0.1:$F/pipe/bench/get1m
URL[webflux]=$(cat "$WORK/url-$S"); HDR[webflux]="x-floor: 1"; URL[webflux-loop]=${URL[webflux]}; HDR[webflux-loop]="x-floor: loop"; URL[s3]=$(cat "$WORK/url-$S"); URL[main]=$(cat "$WORK/url-$M")
for c in loop hop hop-nocheck pipe webflux webflux-loop s3; do PID[$c]=$FP; done; PID[main]=$MP
curl -s -o "$WORK/want" "${URL[s3]}"
for c in $CASES; do # every case of the floor jar serves the object whole, as its S3 GET does
  [ "$c" = nginx ] || [ "$c" = main ] && continue
  curl -s -o "$WORK/got" ${HDR[$c]:+-H "${HDR[$c]}"} "${URL[$c]}"; cmp -s "$WORK/got" "$WORK/want" || { echo "case $c: wrong bytes" >&2; exit 1; }
done
pids() { if [ "$1" = nginx ]; then m=$(cat "$WORK/nginx/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; else echo "$1"; fi; }
ticks() { for q in $(pids "$1"); do awk '{print $14 + $15}' /proc/"$q"/stat; done | awk '{s += $1} END {print s}'; }
switches() { for q in $(pids "$1"); do cat /proc/"$q"/task/*/status 2>/dev/null; done | awk '/ctxt_switches/ {s += $2} END {print s}'; }
run() { # case [seconds] -> "MB/s server-us client-us switches" per request
  local c=$1 t0 s0 out p=${PID[$1]}
  t0=$(ticks "$p"); s0=$(switches "$p")
  out=$( { /usr/bin/time -f "CLIENT-CPU %U %S" wrk -t2 -c"$CONNS" -d"${2:-$SECS}s" --timeout 60s \
    ${HDR[$c]:+-H "${HDR[$c]}"} "${URL[$c]}"; } 2>&1)
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk $c: /" >&2 || true
  awk -v ticks=$(($(ticks "$p") - t0)) -v sw=$(($(switches "$p") - s0)) -v hz="$(getconf CLK_TCK)" -v size=$SIZE \
    '/requests in/ {n = $1} /Requests\/sec/ {r = $2} /CLIENT-CPU/ {c = $2 + $3}
     END {printf "%.0f %.0f %.0f %.1f\n", r * size / 1e6, ticks / hz * 1e6 / n, c * 1e6 / n, sw / n}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "start $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CASES; do run "$c" "${WARMUP:-30}" > /dev/null; done
declare -A res
for _ in $(seq "$RUNS"); do for c in $CASES; do res[$c]+="$(run "$c")"$'\n'; done; done
echo "end $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-12s %6s %9s %9s %7s %9s   rounds (MB/s server-us client-us switches)   %s conns, %s x %ss\n" \
  case "MB/s" server-us client-us sum-us switches "$CONNS" "$RUNS" "$SECS"
for c in $CASES; do
  r=${res[$c]}; col() { cut -d' ' -f"$1" <<<"$r" | grep . | median; }
  printf "%-12s %6s %9s %9s %7s %9s   %s\n" "$c" "$(col 1)" "$(col 2)" "$(col 3)" \
    "$(grep . <<<"$r" | awk '{print $2 + $3}' | median)" "$(col 4)" "$(grep . <<<"$r" | tr '\n' '/')"
done
if [ "${STRACE:-0}" = 1 ]; then
  echo "syscalls per request (strace -f -c over ${SECS}s of wrk -c$CONNS): all, futex, epoll_wait+epoll_pwait*, write+sendto+writev, sendfile, pread64"
  for c in $CASES; do
    tr=$WORK/strace-$c; p=${PID[$c]}
    # shellcheck disable=SC2046
    strace -f -c -o "$tr" $(for q in $(pids "$p"); do echo -p "$q"; done) & st=$!; sleep 2
    n=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 60s ${HDR[$c]:+-H "${HDR[$c]}"} "${URL[$c]}" | awk '/requests in/ {print $1}')
    kill -INT $st; wait $st 2>/dev/null || true
    awk -v n="$n" -v c="$c" '$NF ~ /^[a-z_0-9]+$/ && $1 ~ /^[0-9.]+$/ {k = $NF; v = $4;
         calls[k] += v} /total/ {all = $4}
      END {printf "%-12s %6.1f %6.1f %6.1f %6.1f %5.1f %5.1f   (%d requests)\n", c, all / n, calls["futex"] / n,
           (calls["epoll_wait"] + calls["epoll_pwait"] + calls["epoll_pwait2"]) / n,
           (calls["write"] + calls["sendto"] + calls["writev"]) / n, calls["sendfile"] / n, calls["pread64"] / n, n}' "$tr"
  done
fi
