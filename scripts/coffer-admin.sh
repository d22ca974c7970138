#!/usr/bin/env bash
# Coffer's administration, as the server's root: accounts (tenants), each with its own root key pair.
#
#   scripts/coffer-admin.sh create-account NAME   # prints the account and its root key pair (the secret once)
#   scripts/coffer-admin.sh list-accounts
#   scripts/coffer-admin.sh delete-account ID     # refused (409) while the account owns buckets, users or policies
#
# Signs with the server's root key: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the pair the first
# start printed, or coffer.access-key / coffer.secret-key). COFFER_ENDPOINT defaults to
# http://localhost:9000. Needs curl 7.75 or later (--aws-sigv4).
set -euo pipefail

endpoint="${COFFER_ENDPOINT:-http://localhost:9000}"
: "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID to the server root access key}"
: "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY to the server root secret key}"

call() {
  curl -sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:s3" \
    --user "${AWS_ACCESS_KEY_ID}:${AWS_SECRET_ACCESS_KEY}" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -X "$1" "${endpoint}$2"
}

case "${1:-}" in
  create-account)
    name="${2:?usage: $0 create-account NAME}"
    call POST "/_coffer/admin/accounts?name=${name}" ;;
  list-accounts)
    call GET "/_coffer/admin/accounts" ;;
  delete-account)
    id="${2:?usage: $0 delete-account ID}"
    call DELETE "/_coffer/admin/accounts/${id}" && echo "deleted account ${id}" ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
