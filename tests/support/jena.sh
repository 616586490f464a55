#!/usr/bin/env bash
# Apache Jena's command-line tools from Debian's libapache-jena-java 4.5, which ships the
# jars but no scripts. Usage: jena.sh TOOL [ARGS...], e.g.
#   jena.sh arq --data graph.ttl --query q.rq        jena.sh qparse --query q.rq
#   jena.sh riot --validate graph.nq                 jena.sh tdb2.tdbloader --loc DB graph.nq
#   jena.sh riot --syntax=jsonld10 --count graph.jsonld (JSON-LD through jsonld-java: its
#   HTTP cache classes are on the class path; Titanium lacks a Jakarta JSON implementation)
#   jena.sh tdb2.tdbquery --loc DB --set tdb:unionDefaultGraph=true --query q.rq
#
# Two fixes make the packaged jars run:
# - logging: /usr/share/java holds several SLF4J bindings (simple, jdk14, nop, log4j12) and
#   log4j-over-slf4j beside slf4j-log4j12 (a loop SLF4J refuses), so the class path names
#   the jars Jena needs one by one, with exactly one binding (slf4j-simple, to stderr).
# - Xerces: Debian relocates Jena's shaded Xerces classes to the package xerces.* but leaves
#   their message bundles under org/apache/jena/ext/xerces/, so the XSD datatypes fail to
#   initialise ("RuntimeException: internal error" in XSSimpleTypeDecl.applyFacets1).
#   The bundles are copied once to where the relocated classes look for them.
set -euo pipefail

JARS=${JENA_JARS:-/usr/share/java}
CACHE=${JENA_XERCES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hrkg/jena-xerces}

if [ $# -eq 0 ]; then
  echo "usage: jena.sh TOOL [ARGS...]  (TOOL: arq, qparse, sparql, riot, shacl, tdb2.tdbloader," \
       "tdb2.tdbquery, tdb2.tdbdump, ...)" >&2
  exit 2
fi
tool=$1; shift
case $tool in
  arq|qparse|sparql|uparse|update) main=arq.$tool ;;
  riot|turtle|ntriples|nquads|trig|rdfxml) main=riotcmd.$tool ;;
  shacl) main=shacl.shacl ;;
  tdb2.*|arq.*|riotcmd.*|shacl.*|jena.*) main=$tool ;;
  *) echo "jena.sh: unknown tool $tool" >&2; exit 2 ;;
esac

command -v java >/dev/null || { echo "jena.sh: java not found (apt-get install default-jre-headless)" >&2; exit 3; }
[ -f "$JARS/jena-arq.jar" ] || { echo "jena.sh: $JARS/jena-arq.jar not found (apt-get install libapache-jena-java)" >&2; exit 3; }

if [ ! -f "$CACHE/xerces/impl/msg/XMLSchemaMessages.properties" ]; then
  mkdir -p "$(dirname "$CACHE")"
  work=$(mktemp -d "$(dirname "$CACHE")/.xerces.XXXXXX")
  unzip -q -o "$JARS/jena-core.jar" 'org/apache/jena/ext/xerces/*' -d "$work/jar"
  mkdir -p "$work/res"
  mv "$work/jar/org/apache/jena/ext/xerces" "$work/res/xerces"
  mv -T "$work/res" "$CACHE" 2>/dev/null || true  # another run may have been first
  rm -rf "$work"
fi

cp=""
for jar in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-dboe-index \
    jena-dboe-storage jena-dboe-trans-data jena-dboe-transaction jena-iri jena-rdfconnection \
    jena-shacl jena-shex jena-tdb jena-tdb2 \
    commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 \
    dexx.collection gson guava httpclient httpclient-cache httpcore jackson-annotations jackson-core \
    jackson-databind jakarta.json-api jsonld-java protobuf thrift titanium-json-ld \
    slf4j-api slf4j-simple; do
  [ -f "$JARS/$jar.jar" ] || { echo "jena.sh: $JARS/$jar.jar not found" >&2; exit 3; }
  cp="$cp$JARS/$jar.jar:"
done

exec java ${JENA_JAVA_OPTS:--Xmx2G} -cp "$cp$CACHE" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${JENA_LOG_LEVEL:-warn}" "$main" "$@"
