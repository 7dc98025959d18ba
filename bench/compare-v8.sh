#!/usr/bin/env bash
# Loads one V8 heap snapshot with heapdiff and with memlab, whole process against whole process,
# and compares heapdiff's parse phase with a Jackson tokenize-only pass over the same file.
#
#   bench/compare-v8.sh [FILE] [RUNS]
#
# FILE defaults to /tmp/heapdiff-large/large-3-final.heapsnapshot (338 MB; make it with
# gen-large.sh from the shared bench folder); RUNS defaults to 3. The three programs run
# interleaved, RUNS times each, under `/usr/bin/time -f '%e %M'`; the table shows medians and
# ratios. Set in the environment when the defaults do not fit:
#
#   MEMLAB_NODE_PATH   node_modules with @memlab/core 2.0.5   (default /tmp/anchors/node_modules;
#                      install with setup-anchors.sh from the shared bench folder)
#   SHARED_BENCH       the shared bench folder with memlab-load.js and limits/JsonTokenize.java
#                      (default shared/bench beside the checkout or one of its parent folders)
#   JACKSON_JAR        jackson-core 2.17.2 for JsonTokenize (default from ~/.m2)
#   HEAPDIFF_JAVA_OPTS JVM options for heapdiff (default below)
#   HEAPDIFF_CDS       1 (default) to run heapdiff with a class-data-sharing archive made by one
#                      unmeasured run first, as bin/heapdiff keeps one after its first run; 0 for none (a first run)
#   MVN_FLAGS          extra flags for the Maven build of the bench module (for example -o)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:-/tmp/heapdiff-large/large-3-final.heapsnapshot}
RUNS=${2:-3}
MEMLAB_NODE_PATH=${MEMLAB_NODE_PATH:-/tmp/anchors/node_modules}
if [ -z "${SHARED_BENCH:-}" ]; then   # a "shared" folder beside the checkout or one of its parents
  d=$ROOT
  while [ "$d" != "/" ] && [ ! -d "$(dirname "$d")/shared/bench" ]; do d=$(dirname "$d"); done
  SHARED_BENCH=$(dirname "$d")/shared/bench
fi
JACKSON_JAR=${JACKSON_JAR:-$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-core/2.17.2/jackson-core-2.17.2.jar}
# the options bin/heapdiff runs with for inputs other than HPROF
HEAPDIFF_JAVA_OPTS=${HEAPDIFF_JAVA_OPTS:--XX:+UseSerialGC -Xmn8m -XX:PretenureSizeThreshold=256k -XX:MinHeapFreeRatio=20}

for f in "$FILE" "$SHARED_BENCH/memlab-load.js" "$SHARED_BENCH/limits/JsonTokenize.java" "$JACKSON_JAR"; do
  [ -e "$f" ] || { echo "missing: $f (see the comments at the top of $0)" >&2; exit 2; }
done
[ -d "$MEMLAB_NODE_PATH/@memlab/core" ] || { echo "memlab not found in $MEMLAB_NODE_PATH" >&2; exit 2; }

echo "building heapdiff-bench ..." >&2
(cd "$ROOT" && mvn -B -q ${MVN_FLAGS:-} -pl heapdiff-bench -am package -DskipTests)
CP="$(ls "$ROOT"/heapdiff-bench/target/heapdiff-bench-*.jar | grep -v -e -sources -e -javadoc | head -1):$ROOT/heapdiff-bench/target/lib/*"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# a class-data-sharing archive of heapdiff's classes, as bin/heapdiff keeps one: start-up without
# loading and verifying the same 1,500 classes again (made by one unmeasured run on the same file)
if [ "${HEAPDIFF_CDS:-1}" = "1" ]; then
  java $HEAPDIFF_JAVA_OPTS -XX:ArchiveClassesAtExit="$OUT/heapdiff.jsa" -cp "$CP" \
    io.github.heapdiff.bench.LoadBench "$FILE" > /dev/null 2>&1 || true
  [ -f "$OUT/heapdiff.jsa" ] && HEAPDIFF_JAVA_OPTS="$HEAPDIFF_JAVA_OPTS -XX:SharedArchiveFile=$OUT/heapdiff.jsa"
fi
HEAPDIFF_CMD=(java $HEAPDIFF_JAVA_OPTS -cp "$CP" io.github.heapdiff.bench.LoadBench "$FILE" --json)
MEMLAB_CMD=(env NODE_PATH="$MEMLAB_NODE_PATH" node --max-old-space-size=16384 "$SHARED_BENCH/memlab-load.js" "$FILE" --json)
TOKENIZE_CMD=(java -cp "$JACKSON_JAR" "$SHARED_BENCH/limits/JsonTokenize.java" "$FILE")

cat "$FILE" > /dev/null   # into the page cache: every run reads from memory

for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f '%e %M' -o "$OUT/memlab.$i.time" "${MEMLAB_CMD[@]}" > "$OUT/memlab.$i.json"
  /usr/bin/time -f '%e %M' -o "$OUT/heapdiff.$i.time" "${HEAPDIFF_CMD[@]}" > "$OUT/heapdiff.$i.json"
  /usr/bin/time -f '%e %M' -o "$OUT/tokenize.$i.time" "${TOKENIZE_CMD[@]}" > "$OUT/tokenize.$i.txt"
  echo "run $i: memlab $(cat "$OUT/memlab.$i.time"), heapdiff $(cat "$OUT/heapdiff.$i.time"), tokenize $(cat "$OUT/tokenize.$i.time") (s, KB)" >&2
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
field() { grep -o "\"$1\": [0-9.]*" "$2" | head -1 | awk '{print $2}'; }

mem_wall=$(for i in $(seq 1 "$RUNS"); do awk '{print $1}' "$OUT/memlab.$i.time"; done | median)
mem_rss=$(for i in $(seq 1 "$RUNS"); do awk '{print $2/1024}' "$OUT/memlab.$i.time"; done | median)
hd_wall=$(for i in $(seq 1 "$RUNS"); do awk '{print $1}' "$OUT/heapdiff.$i.time"; done | median)
hd_rss=$(for i in $(seq 1 "$RUNS"); do awk '{print $2/1024}' "$OUT/heapdiff.$i.time"; done | median)
hd_parse=$(for i in $(seq 1 "$RUNS"); do field readingSeconds "$OUT/heapdiff.$i.json"; done | median)
tok_parse=$(for i in $(seq 1 "$RUNS"); do grep -o 'in [0-9.]* s' "$OUT/tokenize.$i.txt" | awk '{print $2}'; done | median)
mem_parse=$(for i in $(seq 1 "$RUNS"); do field parseSeconds "$OUT/memlab.$i.json"; done | median)
bytes=$(stat -c %s "$FILE")
nodes=$(field nodes "$OUT/heapdiff.1.json")
edges=$(field edges "$OUT/heapdiff.1.json")
mem_nodes=$(field nodes "$OUT/memlab.1.json")
mem_edges=$(field edges "$OUT/memlab.1.json")

awk -v f="$FILE" -v b="$bytes" -v n="$nodes" -v e="$edges" -v mn="$mem_nodes" -v me="$mem_edges" -v runs="$RUNS" \
    -v mw="$mem_wall" -v mr="$mem_rss" -v hw="$hd_wall" -v hr="$hd_rss" -v hp="$hd_parse" -v tp="$tok_parse" \
    -v mp="$mem_parse" -v opts="$HEAPDIFF_JAVA_OPTS" 'BEGIN {
  printf "%s: %.1f MB, %d nodes, %d edges (memlab: %d nodes, %d edges); medians of %d runs\n\n", f, b / 1e6, n, e, mn, me, runs
  printf "| program | wall s | peak RSS MiB | parse s (MB/s) |\n| --- | ---: | ---: | ---: |\n"
  printf "| memlab 2.0.5 (`memlab-load.js`: parse, dominators, retained sizes, counts) | %.2f | %.0f | %.2f (%.0f) |\n", mw, mr, mp, b / 1e6 / mp
  printf "| heapdiff (`LoadBench`: parse, dominators, retained sizes, groups and facts) | %.2f | %.0f | %.2f (%.0f) |\n", hw, hr, hp, b / 1e6 / hp
  printf "| Jackson tokenize only (`JsonTokenize.java`) | | | %.2f (%.0f) |\n\n", tp, b / 1e6 / tp
  printf "heapdiff / memlab: wall %.3f (1/%.1f), peak RSS %.3f; heapdiff parse / Jackson tokenize: %.2f\n", hw / mw, mw / hw, hr / mr, hp / tp
  printf "heapdiff JVM options: %s\n", opts
}'
