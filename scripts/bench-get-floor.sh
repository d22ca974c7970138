#!/usr/bin/env bash
# GET 4 KiB beside its floor and nginx, one server each, turns alternating (nginx, get4k, floor) x 3 after a
# warm-up, then a JFR recording (settings=profile, method samples every 1 ms) of 20 s of each Coffer case.
# Usage: scripts/bench-get-floor.sh [jar] [outdir]   Env: JFR=0 (no recordings), SECS (8), ROUNDS (3), WARM (seconds of the
# uncounted warm-up per case, default SECS), PORT (9402), NPORT (9405), JAVA_OPTS
# Prints req/s and the server's CPU µs per request (utime+stime of /proc/PID/stat); recordings in outdir.
set -euo pipefail
JAR=${1:-api/target/coffer-exec.jar}; JAR=$(readlink -f "$JAR"); ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${2:-$(mktemp -d)}; W=$(mkdir -p "$W" && cd "$W" && pwd); P=${PORT:-9402}; N=${NPORT:-9405}; mkdir -p $W/files $W/nginx/logs $W/nginx/tmp; chmod 755 $W $W/files; chmod 777 $W/nginx/tmp
head -c 4096 /dev/urandom > $W/files/get4k.bin
cat > $W/nginx/nginx.conf <<NGINX
worker_processes 2;
error_log $W/nginx/logs/error.log;
pid $W/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $W/nginx/tmp;
  types { application/octet-stream bin; }
  server { listen 127.0.0.1:$N; location / { root $W/files; } }
}
NGINX
nginx -p $W/nginx -c $W/nginx/nginx.conf
java -Xmx512m ${JAVA_OPTS:-} -jar $JAR --server.port=$P --coffer.ui.port=-1 --coffer.data-dir=$W/data \
  --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > $W/server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; nginx -p $W/nginx -c $W/nginx/nginx.conf -s stop 2>/dev/null || true; wait; rm -f $W/server.log' EXIT
for _ in $(seq 240); do curl -s -o /dev/null http://127.0.0.1:$P/ && break; sleep 0.5; done
cd "$ROOT"
python3 scripts/bench/get4k_url.py "$P" > $W/url
URL=$(cat $W/url)
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
w() { wrk -t2 -c16 -d${SECS:-8}s --timeout 60s "$1"; }
one() { # name url
  local t0=$(cpu) out; out=$(w "$2"); local t1=$(cpu)
  awk -v n="$1" -v ticks=$((t1-t0)) -v hz=$(getconf CLK_TCK) -v load="$(cut -d' ' -f1 /proc/loadavg)" \
   '/requests in/ {r=$1} /Requests\/sec/ {printf "%-6s %10s req/s  %5.0f cpu-us/req  load %s\n", n, $2, ticks/hz*1e6/r, load}' <<<"$out"
}
SECS=${WARM:-${SECS:-8}} w "$URL" >/dev/null; w http://127.0.0.1:$P/_coffer/floor >/dev/null; w http://127.0.0.1:$N/get4k.bin > /dev/null
for r in $(seq "${ROUNDS:-3}"); do
  one nginx http://127.0.0.1:$N/get4k.bin | sed 's/cpu-us.*load/(cpu n\/a) load/'
  one get4k "$URL"
  one floor http://127.0.0.1:$P/_coffer/floor
done | tee $W/rounds.txt
[ "${JFR:-1}" = 1 ] || exit 0
sed 's#<setting name="period" control="method-sampling-java-interval">10 ms</setting>#<setting name="period" control="method-sampling-java-interval">1 ms</setting>#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > $W/fast.jfc
jcmd $PID JFR.start name=g settings=$W/fast.jfc filename=$W/get4k.jfr >/dev/null
SECS=20 one get4k "$URL"
jcmd $PID JFR.stop name=g >/dev/null
jcmd $PID JFR.start name=f settings=$W/fast.jfc filename=$W/floor.jfr >/dev/null
SECS=20 one floor http://127.0.0.1:$P/_coffer/floor
jcmd $PID JFR.stop name=f >/dev/null
