#!/bin/sh
# Listing at scale at the Catalog level (see docs/benchmarks.md): builds a bucket of N small
# objects and times 1,000-key pages. Usage: scripts/bench-listing.sh [objects] [runs]
set -e
cd "$(dirname "$0")/.."
mvn -q -B -o -pl metadata test-compile
DIR=$(mktemp -d /tmp/coffer-bench-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
mvn -q -B -o -pl metadata dependency:build-classpath -Dmdep.outputFile="$DIR.cp" >/dev/null
CP="metadata/target/test-classes:metadata/target/classes:$(cat "$DIR.cp")"
rm -f "$DIR.cp"
java -Xmx1g -cp "$CP" dev.coffer.metadata.bench.ListingBenchmark "${1:-1000000}" "${2:-5}" "$DIR"
