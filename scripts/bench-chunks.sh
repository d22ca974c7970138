#!/usr/bin/env bash
# Single node vs a three-node cluster (chunks on R=3 nodes), PUT and GET of 4 KiB and 64 MiB,
# each request signed by curl (--aws-sigv4, UNSIGNED-PAYLOAD) straight to a node (no nginx).
# A round: N4K sequential 4 KiB PUTs then the same GETs (ms per request, curl's start included,
# the same for both), one 64 MiB PUT and one GET (MB/s). The cluster's GET goes to node 2, which
# holds a replica (R = 3 = every node), PUTs to node 1. Prints medians of ROUNDS rounds.
# Usage: scripts/bench-chunks.sh [rounds] [n4k]   (defaults 3 and 20). Needs curl, python3, the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
N4K=${2:-20}
JAR=${COFFER_JAR:-api/target/coffer-exec.jar}
[ -f "$JAR" ] || mvn -B -o -q -pl api -am package -DskipTests
WORK=$(mktemp -d)
SINGLE=
export COFFER_ACCESS_KEY=BENCHCHUNKS COFFER_SECRET_KEY=BENCHCHUNKSSECRET
cleanup() {
  [ -n "$SINGLE" ] && kill "$SINGLE" 2>/dev/null && wait "$SINGLE" 2>/dev/null || true
  [ -d "$WORK/cluster" ] && COFFER_JAR=$JAR scripts/cluster-local.sh down "$WORK/cluster" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
head -c 4096 /dev/urandom > "$WORK/4k.bin"
head -c 67108864 /dev/urandom > "$WORK/64m.bin"
sig=(--aws-sigv4 aws:amz:us-east-1:s3 --user "$COFFER_ACCESS_KEY:$COFFER_SECRET_KEY" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD')
now() { date +%s.%N; }
put() { curl -sf "${sig[@]}" -T "$2" "$1" -o /dev/null; }
get() { curl -sf "${sig[@]}" "$1" -o "$2"; }

round() { # put-endpoint get-endpoint -> "put4k_ms get4k_ms put64m_MBps get64m_MBps"
  local p=$1 g=$2 t0 t1 t2 t3 t4
  t0=$(now); for i in $(seq "$N4K"); do put "$p/bench/k$i" "$WORK/4k.bin"; done
  t1=$(now); for i in $(seq "$N4K"); do get "$g/bench/k$i" "$WORK/out"; done
  t2=$(now); put "$p/bench/big" "$WORK/64m.bin"
  t3=$(now); get "$g/bench/big" "$WORK/out"
  t4=$(now)
  cmp -s "$WORK/out" "$WORK/64m.bin" || { echo "64 MiB GET differs" >&2; exit 1; }
  python3 -c "import sys; a=[float(x) for x in sys.argv[1:]]; n=$N4K
print('%.1f %.1f %.0f %.0f' % ((a[1]-a[0])*1000/n, (a[2]-a[1])*1000/n, 64/(a[3]-a[2])*1.048576, 64/(a[4]-a[3])*1.048576))" \
    "$t0" "$t1" "$t2" "$t3" "$t4"
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
java ${JAVA_OPTS:--Xmx256m} -jar "$JAR" --server.port="$port" --coffer.ui.port=-1 --coffer.data-dir="$WORK/single" \
  --coffer.access-key=$COFFER_ACCESS_KEY --coffer.secret-key=$COFFER_SECRET_KEY > "$WORK/single.log" 2>&1 &
SINGLE=$!
single=http://127.0.0.1:$port
for _ in $(seq 240); do curl -sf "${sig[@]}" "$single/" -o /dev/null && break; sleep 0.5; done
curl -sf "${sig[@]}" -X PUT "$single/bench" -o /dev/null
mapfile -t nodes < <(COFFER_JAR=$JAR JAVA_OPTS=${JAVA_OPTS:--Xmx256m} scripts/cluster-local.sh up 3 "$WORK/cluster")
curl -sf "${sig[@]}" -X PUT "${nodes[0]}/bench" -o /dev/null

: > "$WORK/single.txt"; : > "$WORK/cluster.txt"
for r in $(seq "$ROUNDS"); do # turns interleaved, so both see the same neighbours
  round "$single" "$single" >> "$WORK/single.txt"
  round "${nodes[0]}" "${nodes[1]}" >> "$WORK/cluster.txt"
done
median() { python3 -c "import statistics,sys; rows=[list(map(float,l.split())) for l in open(sys.argv[1])]
print(' '.join('%g' % statistics.median(c) for c in zip(*rows)))" "$1"; }
echo "rounds=$ROUNDS n4k=$N4K load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "columns: PUT 4 KiB ms/req | GET 4 KiB ms/req | PUT 64 MiB MB/s | GET 64 MiB MB/s"
echo "single node: $(median "$WORK/single.txt")"
echo "3 nodes R=3: $(median "$WORK/cluster.txt")"
