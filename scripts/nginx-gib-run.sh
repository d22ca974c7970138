#!/usr/bin/env bash
# Documented run: NginxProxyIT with its three large transfers through nginx at a GiB each (the SDK's
# single PUT, the aws CLI's single PUT and its multipart upload, each read back and compared), as
# `mvn verify` ran it before the class took 160 MiB + 1 (see the class's comment). Usage:
# scripts/nginx-gib-run.sh [bytes]   (default 1073741824). Needs nginx and the aws CLI, as the IT.
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES=${1:-1073741824}
mvn -B -o -pl compat-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=NginxProxyIT -Dcoffer.fuzz.seconds=1 -Dcoffer.nginx.it.bytes="$BYTES"
