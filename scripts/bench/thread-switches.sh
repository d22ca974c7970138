#!/usr/bin/env bash
# Context switches (voluntary, involuntary: preempted) and CPU per request of each thread group of a running JVM over one wrk
# run, from /proc/PID/task/*/status and stat (names without their trailing numbers). A thread that ends during the
# run takes its counts with it. Usage: scripts/bench/thread-switches.sh PID CONNS SECONDS URL [HEADER]
set -euo pipefail
P=$1; C=$2; S=$3; U=$4; H=${5:-}
snap() {
  local t nm sw tk
  for t in /proc/"$P"/task/*; do
    nm=$(sed 's/-[0-9]*$//; s/[0-9]*$//; s/ /_/g' "$t/comm" 2>/dev/null) || continue
    sw=$(awk '/^voluntary_ctxt_switches/ {v = $2} /nonvoluntary_ctxt_switches/ {i = $2} END {print v, i}' "$t/status" 2>/dev/null) || continue
    tk=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
    echo "$(basename "$t") $nm $sw $tk"
  done | sort
}
before=$(snap)
n=$(wrk -t2 -c"$C" -d"${S}s" ${H:+-H "$H"} "$U" | awk '/requests in/ {print $1}')
after=$(snap)
join <(echo "$before") <(echo "$after") | awk -v n="$n" -v hz="$(getconf CLK_TCK)" \
  '{v[$2] += $7 - $3; i[$2] += $8 - $4; tk[$2] += $9 - $5}
   END {printf "  %d requests\n", n
        for (g in v) if (v[g] + i[g] > 0) printf "  %-28s %6.2f voluntary %6.2f involuntary switches/req %7.1f us/req\n",
          g, v[g] / n, i[g] / n, tk[g] * 1e6 / hz / n}' \
  | sort -k2 -nr
