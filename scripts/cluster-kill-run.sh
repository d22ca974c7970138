#!/usr/bin/env bash
# The issue-20 kill test at full size (docs/cluster.md, "Kill -9 during writes, at full size"):
# three real nodes (scripts/cluster-local.sh) behind Debian's nginx (docker/nginx-cluster.conf) on
# loopback; the aws CLI and the AWS SDK for Java v2 at their defaults write objects of SIZES
# through nginx; kill -9 of the leader during a write of the largest size, restart; then of a
# follower, restart; every acknowledged object read back through nginx (SHA-256); waits until every
# node's replica backlog is 0 and every chunk file is on all three nodes. Prints a summary (see
# compat-tests/.../cluster/ClusterKillRun.java); exits non-zero if a byte was lost or it did not heal.
#
# Usage: scripts/cluster-kill-run.sh [SIZE ...]     (default: 1K 1M 64M 1G; K, M, G or bytes)
# Builds the tree first (mvn -o package, tests skipped). Needs: nginx, aws, curl, python3; about
# 24 x the largest size free under $TMPDIR (each byte is on three nodes). Bounded: 3 hours at most.
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
mvn -B -o -q -Dstyle.color=never -pl compat-tests -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >&2
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with local changes)'), $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cd compat-tests
timeout 3h java -Xmx512m -cp "target/test-classes:$(cat "$CP")" dev.coffer.compat.cluster.ClusterKillRun "$@"
