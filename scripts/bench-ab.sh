#!/usr/bin/env bash
# Before/after benchmark of two builds in one run: both servers up at once, wrk runs alternating
# A, B, A, B ... so that the noise of a shared machine falls on both alike; prints medians and B/A.
# Usage: scripts/bench-ab.sh A.jar B.jar [runs] [seconds-per-run]   (defaults: 5 runs of 10 s)
# Env: CASES (default "get4k put4k put4k-keys"; also get32k get128k get1m get64m put32k-keys
# put128k-keys put1m-keys put1m put64m (4 conns) delete-keys — DELETE over 256 keys of a versioned bucket, so that
# every request writes a delete marker; get4k-user — GET 4 KiB presigned by an IAM user's key (its secret sealed,
# its inline policy judged) instead of the root's; floor — GET of an unknown /_coffer/ path, a 404 with no body and no
# S3 work: what the HTTP stack, the hand-off, metrics and the access log cost alone), A_ARGS / B_ARGS (extra --coffer.* flags per server, e.g. two inline thresholds on
# one jar), A_JAVA_OPTS / B_JAVA_OPTS (extra JVM flags per server, e.g. -Dreactor.netty.ioWorkerCount=2), CPU=process (CPU per request of the whole server process, not only its request threads),
# WARMUP (seconds of the uncounted first round of each case per server; default the round length).
# Needs: wrk, python3 with boto3. Copy jars aside first: api/target is rebuilt by others.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; RUNS=${3:-5}; SECS=${4:-10}
CASES=${CASES:-get4k put4k put4k-keys}
PORTS=(${APORT:-9340} ${BPORT:-9341})
WORK=$(mktemp -d)
PIDS=()
# wait for the servers to exit before removing their data, or rm races RocksDB's last writes
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait; rm -rf "$WORK"' EXIT

start() { # jar port dir args jvm-flags
  # shellcheck disable=SC2086
  java -Xmx512m ${JAVA_OPTS:-} ${5:-} -jar "$1" --server.port="$2" --coffer.ui.port=-1 --coffer.data-dir="$3" \
    --coffer.access-key=BENCHKEY --coffer.secret-key=BENCHSECRET ${4:-} > "$3.log" 2>&1 &
  PIDS+=($!)
}
start "$A" "${PORTS[0]}" "$WORK/a" "${A_ARGS:-}" "${A_JAVA_OPTS:-}"
start "$B" "${PORTS[1]}" "$WORK/b" "${B_ARGS:-}" "${B_JAVA_OPTS:-}"
for port in "${PORTS[@]}"; do
  for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
  curl -s -o /dev/null "http://127.0.0.1:$port/" || { cat "$WORK"/*.log; exit 1; }
done

for side in 0 1; do
python3 - "${PORTS[$side]}" "$WORK/urls$side" <<'PY'
import sys, os, boto3
sys.path.insert(0, "scripts/bench")
from iam_reader import reader_client
from botocore.config import Config
port, out = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                  aws_access_key_id="BENCHKEY", aws_secret_access_key="BENCHSECRET",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
s3.create_bucket(Bucket="benchv")
s3.put_bucket_versioning(Bucket="benchv", VersioningConfiguration={"Status": "Enabled"})
sizes = {"4k": 4096, "32k": 32768, "128k": 131072, "1m": 1048576}
if "64m" in os.environ.get("CASES", ""):
    sizes["64m"] = 64 << 20
os.makedirs(out, exist_ok=True)
with open(f"{out}/delete-keys", "w") as f:  # every DELETE adds a delete marker: one synced write each
    for i in range(256):
        url = s3.generate_presigned_url("delete_object", Params={"Bucket": "benchv", "Key": f"del/{i}"}, ExpiresIn=7200)
        f.write(url.split(str(port), 1)[1] + "\n")
# an IAM user's key, allowed GetObject by an inline policy: its secret is sealed in the catalogue
user = reader_client(f"http://127.0.0.1:{port}", "BENCHKEY", "BENCHSECRET")
with open(f"{out}/get4k-user", "w") as f:
    f.write(user.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200))
for name, size in sizes.items():
    s3.put_object(Bucket="bench", Key=f"get{name}", Body=os.urandom(size))
    with open(f"{out}/get{name}", "w") as f:
        f.write(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": f"get{name}"}, ExpiresIn=7200))
    with open(f"{out}/put{name}", "w") as f:
        f.write(s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put{name}"}, ExpiresIn=7200))
    with open(f"{out}/put{name}-keys", "w") as f:  # 256 keys: synced writes to distinct keys group-commit
        for i in range(256):
            url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench", "Key": f"put{name}/{i}"}, ExpiresIn=7200)
            f.write(url.split(str(port), 1)[1] + "\n")
PY
done
cat > "$WORK/put.lua" <<'LUA'
local paths, n, threads, body, method = {}, 0, 0, nil, "PUT"
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args)
  body = string.rep("x", tonumber(args[1]))
  if args[2] then for line in io.lines(args[2]) do paths[#paths + 1] = line end end
  if args[3] then method = args[3]; body = nil end
  n = id * 128
end
function request()
  if #paths == 0 then return wrk.format(method, nil, nil, body) end
  n = n + 1
  return wrk.format(method, paths[(n % #paths) + 1], nil, body)
end
LUA
bytes() { case $1 in *4k*) echo 4096;; *32k*) echo 32768;; *128k*) echo 131072;; *1m*) echo 1048576;; *64m*) echo 67108864;; esac; }
# CPU time so far (clock ticks) of the server's request threads (Netty's event loops, Reactor's
# parallel scheduler, the coffer-io pool): not GC, JIT, the access log or background jobs.
# CPU=process counts the whole server process instead (utime + stime of /proc/PID/stat).
cpu() {
  local t sum=0
  if [ "${CPU:-}" = process ]; then awk '{print $14 + $15}' /proc/"${PIDS[$1]}"/stat; return; fi
  for t in /proc/"${PIDS[$1]}"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in reactor-http-*|parallel-*|coffer-io-*) sum=$((sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)));; esac
  done
  echo $sum
}
run() { # side case -> "req/s server-CPU-µs-per-request"
  local dir="$WORK/urls$1" port=${PORTS[$1]} out c=16 t0
  case $2 in *64m*) c=4;; esac
  local w=(wrk -t2 -c$c -d"${SECS}s" --timeout 60s)
  t0=$(cpu "$1")
  case $2 in
    get*) out=$("${w[@]}" "$(cat "$dir/$2")") ;;
    floor) out=$("${w[@]}" "http://127.0.0.1:$port/_coffer/floor") ;;
    delete-keys) out=$("${w[@]}" -s "$WORK/put.lua" "http://127.0.0.1:$port/" -- 0 "$dir/$2" DELETE) ;;
    put*-keys) out=$("${w[@]}" -s "$WORK/put.lua" "http://127.0.0.1:$port/" -- "$(bytes "$2")" "$dir/$2") ;;
    put*) out=$("${w[@]}" -s "$WORK/put.lua" "$(cat "$dir/$2")" -- "$(bytes "$2")") ;;
  esac
  [ "$2" = floor ] || grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s/^/wrk $2 side $1: /" >&2 || true
  awk -v ticks=$(($(cpu "$1") - t0)) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {n = $1} /Requests\/sec/ {if (n > 0) printf "%s %.0f\n", $2, ticks / hz * 1e6 / n; else print $2, "-"}' <<<"$out"
}
# A round that finished no request has no CPU per request ("-"): it counts in the req/s median and
# is left out of the CPU one (sort -n would put an "inf" first and lower the median).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {print (a == "nan" || b == "nan" || a == 0) ? "nan" : b / a}'; }
median() { { grep -v '^-$' || true; } | sort -n | awk '{a[NR]=$1} END {print NR == 0 ? "nan" : (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# CPU per request of the request threads (µs, from /proc/PID/task/*/stat) is steadier than req/s on a
# shared machine: it counts the work a request costs, not the share of the cores the server was given.
printf "%-14s %12s %12s %7s %9s %9s %7s   (median of %s x %ss, 16 conns; A=%s B=%s)\n" case "A req/s" "B req/s" "B/A" \
  "A cpu-us" "B cpu-us" "B/A" "$RUNS" "$SECS" "$(basename "$A") ${A_ARGS:-}" "$(basename "$B") ${B_ARGS:-}"
for c in $CASES; do
  SECS=${WARMUP:-$SECS} run 0 "$c" >/dev/null; SECS=${WARMUP:-$SECS} run 1 "$c" >/dev/null   # warm-up, not counted
  a=(); b=()
  for _ in $(seq "$RUNS"); do a+=("$(run 0 "$c")"); b+=("$(run 1 "$c")"); done
  am=$(printf "%s\n" "${a[@]}" | cut -d' ' -f1 | median); bm=$(printf "%s\n" "${b[@]}" | cut -d' ' -f1 | median)
  ac=$(printf "%s\n" "${a[@]}" | cut -d' ' -f2 | median); bc=$(printf "%s\n" "${b[@]}" | cut -d' ' -f2 | median)
  printf "%-14s %12.0f %12.0f %7.2f %9.0f %9.0f %7.2f   A: %s  B: %s\n" "$c" "$am" "$bm" "$(ratio "$am" "$bm")" \
    "$ac" "$bc" "$(ratio "$ac" "$bc")" "$(printf "%s/" "${a[@]}")" "$(printf "%s/" "${b[@]}")"
done
