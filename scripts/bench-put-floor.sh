#!/usr/bin/env bash
# Where a streamed PUT's CPU goes beside its floor: one or more Coffer jars and nginx (dav PUT, no
# fsync: receiving the bytes and writing a file) up at once; each round sends N sequential curl PUTs
# of SIZE_MB to each server in turn, one connection, and prints per GB (10^9 bytes) each Coffer's CPU
# by thread group (user and kernel, from /proc/PID/task/*/stat), nginx's (master and workers) and
# curl's own, with the load average. Floor = nginx + Coffer's own coffer-digest (the MD5 the ETag
# needs, which nginx does not compute); "above" = Coffer's total − that floor, per round.
# Usage: scripts/bench-put-floor.sh A.jar [B.jar ...]   Env: ROUNDS (3), N (12), SIZE_MB (64),
# PORT_BASE (9460: the jars on the first ports, nginx on the port after them).
# Needs: nginx (Debian's, dav module), curl, python3 with boto3, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; N=${N:-12}; SIZE_MB=${SIZE_MB:-64}; P=${PORT_BASE:-9460}
W=$(mktemp -d); chmod 755 "$W"
PIDS=(); URLS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -f "$W/nginx/nginx.pid" ] && { nginx -p "$W/nginx" -c "$W/nginx/nginx.conf" -s stop 2>/dev/null || true; sleep 1; }
  rm -rf "$W"
}
trap cleanup EXIT
head -c $((SIZE_MB << 20)) /dev/urandom > "$W/body"
i=0
for jar in "$@"; do
  java -Xmx512m ${JAVA_OPTS:-} -jar "$jar" --server.port=$((P + i)) --coffer.ui.port=-1 --coffer.data-dir="$W/$i" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET > "$W/$i.log" 2>&1 &
  PIDS+=($!); i=$((i + 1))
done
NPORT=$((P + i))
mkdir -p "$W/nginx/logs" "$W/nginx/put" "$W/nginx/tmp"; chmod 777 "$W/nginx/put" "$W/nginx/tmp"
source scripts/bench/nginx-conf.sh
nginx_conf "$W" "$NPORT" > "$W/nginx/nginx.conf"; nginx -p "$W/nginx" -c "$W/nginx/nginx.conf"
for j in $(seq 0 $((i - 1))); do
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$((P + j))/" && break; sleep 0.5; done
  URLS+=("$(python3 - $((P + j)) <<'PY'
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
print(s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": "k"}, ExpiresIn=7200))
PY
)")
done
NG="http://127.0.0.1:$NPORT/put/k.bin"
GB=$(echo "$N * $SIZE_MB * 1048576 / 1000000000" | bc -l)
puts() { # url -> N PUTs, curl's CPU in $W/time
  /usr/bin/time -f "%U %S" -o "$W/time" bash -c "for _ in \$(seq $N); do curl -sf -o /dev/null -T '$W/body' -H 'Expect:' '$1' || exit 1; done"
}
# user and kernel clock ticks by thread group (names without their numbers), or nginx's processes summed
threads() { for t in /proc/"$1"/task/*; do echo "$(sed 's/[-#]*[0-9]*$//' "$t/comm" 2>/dev/null) $(awk '{print $14, $15}' "$t/stat" 2>/dev/null)"; done |
  awk 'NF == 3 {u[$1] += $2; s[$1] += $3} END {for (k in u) print k, u[k], s[k]}' | sort; }
nginx_cpu() { local m; m=$(cat "$W/nginx/nginx.pid"); for p in $m $(pgrep -P "$m"); do awk '{print $14, $15}' /proc/$p/stat; done | awk '{u += $1; s += $2} END {print "nginx", u, s}'; }
per_gb() { awk -v gb="$GB" -v hz="$(getconf CLK_TCK)" '{printf "%.3f", $1 / hz / gb}'; }
for j in $(seq 0 $((i - 1))); do N=2 puts "${URLS[$j]}"; done; puts "$NG"   # warm-up, not counted
for r in $(seq "$ROUNDS"); do
  echo "round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  t0=$(date +%s.%N); nginx_cpu > "$W/n0"; puts "$NG"; nginx_cpu > "$W/n1"; t1=$(date +%s.%N)
  read -r nu ns < <(paste "$W/n0" "$W/n1" | awk '{print $5 - $2, $6 - $3}')
  nginx_total=$(echo $((nu + ns)) | per_gb)
  printf "  nginx        %6.0f MB/s  user %s kernel %s total %s s/GB  curl %s\n" "$(echo "$GB * 1000 / ($t1 - $t0)" | bc -l)" \
    "$(echo "$nu" | per_gb)" "$(echo "$ns" | per_gb)" "$nginx_total" "$(awk '{print $1 + $2}' "$W/time" | awk -v gb="$GB" '{printf "%.3f", $1 / gb}')"
  for j in $(seq 0 $((i - 1))); do
    t0=$(date +%s.%N); threads "${PIDS[$j]}" > "$W/c0"; puts "${URLS[$j]}"; threads "${PIDS[$j]}" > "$W/c1"; t1=$(date +%s.%N)
    join "$W/c0" "$W/c1" | awk '{print $1, $4 - $2, $5 - $3}' > "$W/d"
    total=$(awk '{t += $2 + $3} END {print t}' "$W/d" | per_gb); md5=$(awk '$1 == "coffer-digest" {print $2 + $3}' "$W/d" | per_gb)
    printf "  coffer %s %6.0f MB/s  total %s s/GB, floor (nginx + MD5) %.3f, above %.3f  curl %s\n" "$(basename "${@:j+1:1}")" \
      "$(echo "$GB * 1000 / ($t1 - $t0)" | bc -l)" "$total" "$(echo "$nginx_total + $md5" | bc -l)" \
      "$(echo "$total - $nginx_total - $md5" | bc -l)" "$(awk '{print $1 + $2}' "$W/time" | awk -v gb="$GB" '{printf "%.3f", $1 / gb}')"
    while read -r name u s; do
      [ $((u + s)) -gt 0 ] && printf "      %-18s user %s kernel %s\n" "$name" "$(echo "$u" | per_gb)" "$(echo "$s" | per_gb)"
    done < "$W/d"
  done
done
