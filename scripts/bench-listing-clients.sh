#!/usr/bin/env bash
# Listing at scale, one server and three clients (see docs/benchmarks.md, "Listing, third pass"): the
# same 1,000-key ListObjectsV2 pages of an N-key bucket and the same full walk, fetched by the AWS SDK
# for Java v2 (sdk), by a client that signs and reads bytes but parses no XML (raw: the server's own
# latency), and by boto3; round after round, the order turning, so that the machine's noise falls on
# all three alike. Each case prints wall p50/p90/p99, the server's CPU per page (its whole process, from
# /proc) and the client's (thread and process); the medians over the rounds close the run.
# Usage: scripts/bench-listing-clients.sh JAR [objects] [rounds]   (defaults: 1000000 objects, 3 rounds)
# Env: PORT (9334); FILLED=dir keeps the filled catalogue there (filled once, copied on later runs);
# CLIENTS ("sdk raw boto3"). Copy the jar aside first: api/target is rebuilt by others.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$1; N=${2:-1000000}; ROUNDS=${3:-3}
PORT=${PORT:-9334}
read -r -a CLIENTS <<< "${CLIENTS:-sdk raw boto3}"
WORK=$(mktemp -d /tmp/coffer-listing-clients-XXXXXX)
. scripts/bench/listing-classpath.sh
. scripts/bench/listing-servers.sh
filled "$JAR" "$PORT" "$WORK/data"
start "$JAR" "$PORT" "$WORK/data"
SERVER=${PIDS[0]}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  n=${#CLIENTS[@]}
  for i in $(seq 0 $((n - 1))); do
    client=${CLIENTS[$(((i + round - 1) % n))]}
    echo "round $round client $client, load $(cut -d' ' -f1 /proc/loadavg)"
    if [ "$client" = boto3 ]; then
      python3 scripts/bench/listing_boto3.py "$PORT" "$N" 1 "$SERVER"
    else
      bench bench "$PORT" "$N" 1 "$SERVER" "$client"
    fi | grep -v SLF4J | tee -a "$WORK/out-$client"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$SERVER/status")"
python3 - "${CLIENTS[@]/#/$WORK/out-}" <<'PY'
import re, statistics, sys
FIELDS = [("p50", r"p50\s+([\d.]+) ms"), ("p90", r"p90\s+([\d.]+) ms"), ("keys/s", r"= ([\d,]+) keys/s"),
          ("server us", r"server CPU\s+([\d,]+) us"), ("client us", r"client CPU\s+([\d,]+) us"),
          ("process us", r"client process\s+([\d,]+) us")]
print("medians over the rounds (each round's value in brackets)")
for path in sys.argv[1:]:
    cases = {}
    for line in open(path):
        m = re.match(r"\s+(full walk|\S+ \S+)", line)
        if not m: continue
        for name, pattern in FIELDS:
            f = re.search(pattern, line)
            if f: cases.setdefault(m[1], {}).setdefault(name, []).append(float(f[1].replace(",", "")))
    print(path.rsplit("out-", 1)[1])
    for case, values in cases.items():
        print(f"  {case:<17}" + "  ".join(f"{k} {statistics.median(v):,.1f} {v}" for k, v in values.items()))
PY
