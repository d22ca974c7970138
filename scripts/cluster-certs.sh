#!/usr/bin/env bash
# Certificates for the Raft port's mutual TLS (docs/cluster.md, "Certificates"), with the JDK's
# keytool only. One certificate authority (CA) per cluster; each node gets a key pair and a
# certificate the CA signed, naming the host its peers dial (the host of its entry in
# coffer.cluster.peers: gRPC checks it).
#
#   COFFER_CLUSTER_TLS_PASSWORD=… scripts/cluster-certs.sh DIR ID SAN [ID SAN …]
#
#   DIR/ca.p12      the CA's key and certificate (made once; keep it off the nodes if you can:
#                   whoever holds it can make members)
#   DIR/trust.p12   the CA's certificate alone: every node's coffer.cluster.tls.trust-store
#   DIR/ID.p12      node ID's key and certificate chain: its coffer.cluster.tls.key-store
#
# SAN is keytool's subject alternative names for the node, e.g. dns:coffer1 or ip:10.0.0.4 or
# ip:127.0.0.1,dns:localhost. Each store is PKCS12 under COFFER_CLUSTER_TLS_PASSWORD (the
# nodes' coffer.cluster.tls.password). A node whose DIR/ID.p12 exists is left as it is, so the
# script can run again to add a node. Certificates are valid for 10 years (CA) and 5 (nodes).
set -euo pipefail
die() { echo "cluster-certs.sh: $*" >&2; exit 1; }
[ $# -ge 3 ] && [ $(( ($# - 1) % 2 )) -eq 0 ] || die "usage: COFFER_CLUSTER_TLS_PASSWORD=… cluster-certs.sh DIR ID SAN [ID SAN …]"
PW=${COFFER_CLUSTER_TLS_PASSWORD:-}
[ ${#PW} -ge 6 ] || die "set COFFER_CLUSTER_TLS_PASSWORD (at least 6 characters; keytool's minimum)"
KEYTOOL=keytool
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ] && KEYTOOL=$JAVA_HOME/bin/keytool
command -v "$KEYTOOL" > /dev/null || die "keytool (from a JDK or JRE) is not on the PATH"
dir=$1; shift
mkdir -p "$dir"
umask 077
# Each keytool is a JVM: a quick-starting one (the machine may be busy).
kt() {
  local out
  out=$("$KEYTOOL" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "$@" -storetype PKCS12 \
        -storepass:env COFFER_CLUSTER_TLS_PASSWORD 2>&1) || die "keytool $1 failed: $out"
}

if [ ! -f "$dir/ca.p12" ]; then
  rm -f "$dir/trust.p12" "$dir/ca.pem"
  kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=coffer cluster CA" \
     -ext bc:c -ext ku:c=keyCertSign,cRLSign -validity 3650 -keystore "$dir/ca.p12"
fi
if [ ! -f "$dir/trust.p12" ] || [ ! -f "$dir/ca.pem" ]; then
  rm -f "$dir/trust.p12"
  kt -exportcert -rfc -alias ca -keystore "$dir/ca.p12" -file "$dir/ca.pem"
  kt -importcert -noprompt -alias ca -file "$dir/ca.pem" -keystore "$dir/trust.p12"
fi
while [ $# -gt 0 ]; do
  id=$1 san=$2; shift 2
  [[ "$id" =~ ^[A-Za-z0-9_-]+$ ]] || die "a node id is letters, digits, '-' or '_': $id"
  [ -f "$dir/$id.p12" ] && continue
  tmp=$(mktemp -d "$dir/.$id.XXXXXX")
  kt -genkeypair -alias node -keyalg EC -groupname secp256r1 -dname "CN=$id" -validity 1825 -keystore "$tmp/node.p12"
  kt -certreq -alias node -keystore "$tmp/node.p12" -file "$tmp/node.csr"
  kt -gencert -rfc -alias ca -keystore "$dir/ca.p12" -infile "$tmp/node.csr" -outfile "$tmp/node.pem" -validity 1825 \
     -ext "san=$san" -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth,clientAuth
  cat "$dir/ca.pem" >> "$tmp/node.pem"  # the chain: node, then CA
  kt -importcert -noprompt -alias node -file "$tmp/node.pem" -keystore "$tmp/node.p12"
  mv "$tmp/node.p12" "$dir/$id.p12"
  rm -rf "$tmp"
done
