#!/usr/bin/env bash
# HTTP benchmark: Coffer beside nginx (serving and accepting the same bytes from disk, no S3 work:
# the limit) and s3proxy 4.1.0 (a Java S3 server, filesystem backend, no fsync), in one run with
# the three servers' turns interleaved in every round, so that the ratios mean something on a
# noisy machine. Prints medians of RUNS rounds and each server's peak RSS (VmHWM).
# Usage: scripts/bench-http.sh [runs] [seconds-per-wrk-run]   (defaults: 3 rounds of 10 s)
# Needs: wrk, nginx (with the dav module: Debian's), curl, python3 with boto3, a built jar, and
# Maven (fetches org.gaul:s3proxy:4.1.0:jar-with-dependencies into S3PROXY_DIR the first time).
# Env: JAR (default api/target/coffer-exec.jar; copy it aside to compare two builds while others
# rebuild), JAVA_OPTS (extra JVM flags for Coffer, e.g. a JFR recording; the heap is the JVM's
# default unless given here), COFFER_ARGS (extra --coffer.* flags), CASES (default: all of
# get4k get1m get64m get1g put4k put1m put64m put1g mpu1g), SERVERS (default "coffer s3proxy nginx"),
# CPORT/SPORT/NPORT (ports), S3PROXY_DIR (default ~/.cache/coffer-bench), WARMUP (seconds of the uncounted first
# wrk run of each wrk case per server, default the round's length: Coffer's JIT needs ~50 s of GET 4 KiB at load 15-20
# on this 2-core kind before its rounds settle, nginx none; see docs/benchmarks.md "GET 4 KiB, session 14"),
# WARMUP_<case> (the same for one case, over WARMUP: e.g. WARMUP_get4k=60 alone, the later cases warm after it).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECS=${2:-10}
CPORT=${CPORT:-9320}
SPORT=${SPORT:-9322}
NPORT=${NPORT:-9321}
JAR=${JAR:-api/target/coffer-exec.jar}
CASES=${CASES:-get4k get1m get64m get1g put4k put1m put64m put1g mpu1g}
SERVERS=${SERVERS:-coffer s3proxy nginx}
S3PROXY_DIR=${S3PROXY_DIR:-$HOME/.cache/coffer-bench}
S3PROXY_JAR=$S3PROXY_DIR/s3proxy-4.1.0-jar-with-dependencies.jar
WORK=$(mktemp -d)
COFFER=; S3PROXY=
cleanup() {
  for p in $COFFER $S3PROXY; do kill "$p" 2>/dev/null || true; done
  for p in $COFFER $S3PROXY; do wait "$p" 2>/dev/null || true; done
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
has() { [[ " $SERVERS " == *" $1 "* ]]; }
wanted() { [[ " $CASES " == *" $1 "* ]]; }

[ -f "$JAR" ] || mvn -B -o -q -pl api -am package -DskipTests
if has s3proxy && [ ! -f "$S3PROXY_JAR" ]; then
  mkdir -p "$S3PROXY_DIR"
  mvn -B -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -DoutputDirectory="$S3PROXY_DIR"
fi

mkdir -p "$WORK/files" "$WORK/nginx/logs" "$WORK/nginx/put" "$WORK/nginx/tmp" "$WORK/s3proxy"
chmod 755 "$WORK" "$WORK/files"; chmod 777 "$WORK/nginx/put" "$WORK/nginx/tmp"   # nginx workers run unprivileged
head -c 4096 /dev/urandom > "$WORK/files/get4k.bin"
head -c 1048576 /dev/urandom > "$WORK/files/get1m.bin"
head -c 67108864 /dev/urandom > "$WORK/files/get64m.bin"
if wanted get1g || wanted put1g || wanted mpu1g; then head -c 1073741824 /dev/urandom > "$WORK/files/get1g.bin"; fi

if has coffer; then
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$JAR" --server.port=$CPORT --coffer.ui.port=-1 --coffer.data-dir="$WORK/data" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET ${COFFER_ARGS:-} > "$WORK/coffer.log" 2>&1 &
  COFFER=$!
fi
if has s3proxy; then
  cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$SPORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=BENCHKEY
s3proxy.credential=BENCHSECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3proxy
CONF
  java -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
  S3PROXY=$!
fi
source scripts/bench/nginx-conf.sh
nginx_conf "$WORK" "$NPORT" > "$WORK/nginx/nginx.conf"
if has nginx; then nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"; fi
for port in $(has coffer && echo $CPORT) $(has s3proxy && echo $SPORT); do
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { cat "$WORK"/*.log; exit 1; }
done

# Per S3 server: a bucket, the GET objects, presigned URLs (urls-<server>: "case url" lines).
for server in coffer s3proxy; do
  has $server || continue
  port=$CPORT; [ $server = s3proxy ] && port=$SPORT
  python3 - "$port" "$WORK" "$server" "$CASES" <<'PY'
import subprocess, sys, boto3
from botocore.config import Config
port, work, server, cases = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
with open(f"{work}/urls-{server}", "w") as out:
    for name in ("get4k", "get1m", "get64m", "get1g"):
        if name not in cases:
            continue
        # presigned (unsigned payload): s3proxy buffers a signed payload in memory to check it
        put = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200)
        subprocess.run(["curl", "-sf", "-T", f"{work}/files/{name}.bin", put, "-o", "/dev/null"], check=True)
        out.write(f"{name} " + s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
    for name in ("put1m", "put64m", "put1g"):
        out.write(f"{name} " + s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"{name}.bin"}, ExpiresIn=7200) + "\n")
with open(f"{work}/put4k-paths-{server}", "w") as paths:  # 256 keys: distinct keys' synced writes group-commit
    for i in range(256):
        url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put4k/{i}.bin"}, ExpiresIn=7200)
        paths.write(url.split(str(port), 1)[1] + "\n")
PY
done
for i in $(seq 0 255); do echo "/put/k$i.bin"; done > "$WORK/put4k-paths-nginx"
for name in get4k get1m get64m get1g; do echo "$name http://127.0.0.1:$NPORT/$name.bin"; done > "$WORK/urls-nginx"
for name in put1m put64m put1g; do echo "$name http://127.0.0.1:$NPORT/put/$name.bin"; done >> "$WORK/urls-nginx"
url() { awk -v n="$2" '$1==n {print $2}' "$WORK/urls-$1"; }

# One fixed PUT per connection (scripts/bench/put.lua); the 4 KiB case cycles 256 keys (scripts/bench/put-keys.lua).
port() { case $1 in coffer) echo $CPORT;; s3proxy) echo $SPORT;; nginx) echo $NPORT;; esac; }
bytes() { case $1 in *4k) echo 4096;; *1m) echo 1048576;; *64m) echo 67108864;; *1g) echo 1073741824;; esac; }
unit() { case $1 in *4k) echo "op/s";; *) echo "MB/s";; esac; }

# One measurement: op/s for 4 KiB cases, MB/s (10^6 bytes/s) for the others. Errors say so on stderr.
measure() { # server case
  local s=$1 c=$2 out conns=16 t0 t1
  case $c in *64m) conns=4;; esac
  case $c in
    get1g)
      t0=$(date +%s.%N); curl -sf "$(url "$s" get1g)" -o /dev/null; t1=$(date +%s.%N)
      echo "$t0 $t1" | awk '{printf "%.1f\n", 1073741824 / ($2 - $1) / 1e6}'; return ;;
    put1g)
      t0=$(date +%s.%N); curl -sf -T "$WORK/files/get1g.bin" "$(url "$s" put1g)" -o /dev/null; t1=$(date +%s.%N)
      echo "$t0 $t1" | awk '{printf "%.1f\n", 1073741824 / ($2 - $1) / 1e6}'; return ;;
    mpu1g)
      python3 - "$(port "$s")" "$WORK/files/get1g.bin" <<'PY'
import sys, time, boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
mib = 1 << 20
cfg = TransferConfig(multipart_threshold=16 * mib, multipart_chunksize=16 * mib, max_concurrency=4)
start = time.perf_counter()
s3.upload_file(sys.argv[2], "bench", "mpu1g.bin", Config=cfg)
print(f"{(1 << 30) / (time.perf_counter() - start) / 1e6:.1f}")
PY
      return ;;
    put4k) out=$(wrk -t2 -c$conns -d"${SECS}s" --timeout 60s -s scripts/bench/put-keys.lua "http://127.0.0.1:$(port "$s")/" -- "$WORK/put4k-paths-$s") ;;
    put*) out=$(wrk -t2 -c$conns -d"${SECS}s" --timeout 60s -s scripts/bench/put.lua "$(url "$s" "$c")" -- "$(bytes "$c")") ;;
    get*) out=$(wrk -t2 -c$conns -d"${SECS}s" --timeout 60s "$(url "$s" "$c")") ;;
  esac
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk $c $s: /" >&2 || true
  awk -v b="$(bytes "$c")" '/Requests\/sec/ {if (b == 4096) print $2; else printf "%.1f\n", $2 * b / 1e6}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rss() { # peak resident set of a process and its children (nginx: master + workers), MiB
  local pids=$1
  [ "$pids" = nginx ] && pids="$(cat "$WORK/nginx/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | tr '\n' ' ')"
  for p in $pids; do awk '/VmHWM/ {print $2}' "/proc/$p/status"; done | awk '{s += $1} END {printf "%.0f", s / 1024}'
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-10s %5s %10s %10s %10s %9s %9s   (median of %s rounds, wrk %ss; runs in order coffer s3proxy nginx)\n" \
  case unit nginx s3proxy coffer "c/nginx" "c/s3proxy" "$RUNS" "$SECS"
for c in $CASES; do
  declare -A med=()
  for s in $SERVERS; do
    if [ "$s" = nginx ] && [ "$c" = mpu1g ]; then continue; fi
    w=WARMUP_$c; case $c in get1g|put1g|mpu1g) ;; *) SECS=${!w:-${WARMUP:-$SECS}} measure "$s" "$c" >/dev/null ;; esac   # warm-up, not counted
  done
  declare -A runs=()
  for _ in $(seq "$RUNS"); do
    for s in $SERVERS; do
      if [ "$s" = nginx ] && [ "$c" = mpu1g ]; then continue; fi
      runs[$s]+="$(measure "$s" "$c") "
    done
  done
  for s in $SERVERS; do med[$s]=$(tr ' ' '\n' <<<"${runs[$s]:-}" | grep . | median || true); done
  ratio() { [ -n "${med[coffer]:-}" ] && [ -n "${med[$1]:-}" ] && echo "${med[coffer]} / ${med[$1]}" | bc -l | xargs printf "%.2f" || echo "-"; }
  printf "%-10s %5s %10s %10s %10s %9s %9s   %s\n" "$c" "$(unit "$c")" "${med[nginx]:--}" "${med[s3proxy]:--}" "${med[coffer]:--}" \
    "$(ratio nginx)" "$(ratio s3proxy)" "$(for s in $SERVERS; do printf "%s: %s " "$s" "${runs[$s]:-}"; done)"
  unset med runs
done
echo "peak RSS (VmHWM): coffer $(has coffer && rss "$COFFER") MiB, s3proxy $(has s3proxy && rss "$S3PROXY") MiB, nginx $(has nginx && rss nginx) MiB"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
