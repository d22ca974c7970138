#!/usr/bin/env bash
# CPU and allocation per presigned SigV4 GET check (scripts/bench/PresignedCpu.java), on one thread: the auth
# module of each jar given (coffer-exec.jars, their BOOT-INF/lib/coffer-auth-*.jar), or of this tree when none
# is, against one URL boto3 presigns. Thread CPU time and allocated bytes: measures that a loaded machine moves
# far less than req/s. Usage: scripts/bench-presigned-cpu.sh [A.jar B.jar ...]   Env: CALLS (100000), ROUNDS (7)
set -euo pipefail
cd "$(dirname "$0")/.."
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
URL=$(python3 -c '
import boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:9000", region_name="us-east-1", aws_access_key_id="BENCHKEY",
                  aws_secret_access_key="BENCHSECRET", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
print(s3.generate_presigned_url("get_object", Params={"Bucket": "bench", "Key": "get4k"}, ExpiresIn=7200))')
if [ $# -eq 0 ]; then mvn -B -o -q -pl auth compile; set -- auth/target/classes; fi
for jar in "$@"; do
  cp=$jar
  if [ -f "$jar" ]; then
    mkdir -p "$W/$(basename "$jar")"; cp="$W/$(basename "$jar")/auth.jar"
    unzip -p "$jar" 'BOOT-INF/lib/coffer-auth-*.jar' > "$cp"
  fi
  rm -rf "$W/classes"; javac -cp "$cp" -d "$W/classes" scripts/bench/PresignedCpu.java
  printf "%s: " "$(basename "$jar")"
  java ${JAVA_OPTS:-} -cp "$W/classes:$cp" dev.coffer.auth.PresignedCpu "$URL" BENCHKEY BENCHSECRET "${CALLS:-100000}" "${ROUNDS:-7}"
done
