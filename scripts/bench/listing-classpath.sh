# Sourced by scripts/bench-listing-http.sh and scripts/bench-listing-ab.sh: compiles the test classes
# and sets CP to what ListingHttpBenchmark needs — its own classes, the metadata module (the fill
# writes the catalogue directly) with RocksDB, and the AWS SDK v2 with the Apache client — taken from
# the local repository (offline, the dependency plugin cannot resolve its own dependencies here).
mvn -B -o -q -pl compat-tests -am test-compile >/dev/null
M2=$HOME/.m2/repository
SDK=$(sed -n 's:.*<awssdk.version>\(.*\)</awssdk.version>.*:\1:p' pom.xml)
ROCKSDB=$(sed -n 's:.*<rocksdb.version>\(.*\)</rocksdb.version>.*:\1:p' pom.xml)
CP="compat-tests/target/test-classes:metadata/target/classes:$M2/org/rocksdb/rocksdbjni/$ROCKSDB/rocksdbjni-$ROCKSDB.jar:"
CP=$CP$(find "$M2/software/amazon/awssdk" -path "*/$SDK/*.jar" ! -name '*sources*' \
  | grep -v -E '/(apache5-client|aws-crt-client|netty-nio-client|crt-core)/' | tr '\n' ':')
for a in org/reactivestreams/reactive-streams org/slf4j/slf4j-api org/apache/httpcomponents/httpclient \
  org/apache/httpcomponents/httpcore commons-logging/commons-logging commons-codec/commons-codec; do
  CP=$CP$(find "$M2/$a" -name '*.jar' ! -name '*sources*' | sort -V | tail -1):
done
