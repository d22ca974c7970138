#!/usr/bin/env bash
# CPU per GB of the aws-chunked decoder (signed chunks + trailer, SHA-256 per chunk) beside the bare digests
# an uploaded part's bytes go through (SHA-256, MD5, CRC32, CRC32C), one thread, thread CPU time: a measure that
# survives a loaded machine better than throughput. scripts/bench/DecodeCpu.java says what each line is.
# Usage: scripts/bench-decode-cpu.sh [chunk-size=131072] [piece-size=8192] [repetitions=20] [modes]
#   e.g. JAVA_OPTS='-XX:+UnlockDiagnosticVMOptions -XX:-UseSHA256Intrinsics' to see the SHA-NI intrinsic's share.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl auth test-compile
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
V=$(sed -n 's:.*<commons-codec.version>\(.*\)</commons-codec.version>.*:\1:p' pom.xml)
CODEC=$HOME/.m2/repository/commons-codec/commons-codec/$V/commons-codec-$V.jar # the test helper's hex
CP=auth/target/classes:auth/target/test-classes:$CODEC
javac -cp "$CP" -d "$W" scripts/bench/DecodeCpu.java
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$W:$CP" dev.coffer.auth.DecodeCpu "${1:-131072}" "${2:-8192}" "${3:-20}" ${4:-}
