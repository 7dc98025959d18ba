#!/usr/bin/env bash
# Times heapdiff's HPROF reader in summary mode against Shark's index + class histogram
# (LeakCanary shark-graph 2.14, the SharkHisto anchor), whole process against whole process,
# runs interleaved so both see the same machine. Prints each run, the medians and the ratios.
#
# Usage: bash bench/compare-hprof.sh [FILE.hprof] [RUNS]
#   FILE  default /tmp/heapdiff-large/large-3-final.hprof (made by ../shared/bench/gen-large.sh)
#   RUNS  default 3 (the median is taken)
# Environment: JAVA (default java), SHARK_BENCH (default /tmp/anchors/shark-bench, built by
#   ../shared/bench/setup-anchors.sh), HEAPDIFF_OPTS (default -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1),
#   SHARK_OPTS (default -Xmx8g, as in ../shared/bench/ANCHORS.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:-/tmp/heapdiff-large/large-3-final.hprof}
RUNS=${2:-3}
JAVA=${JAVA:-java}
SHARK=${SHARK_BENCH:-/tmp/anchors/shark-bench}
HEAPDIFF_OPTS=${HEAPDIFF_OPTS:--XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1}
SHARK_OPTS=${SHARK_OPTS:--Xmx8g}
NAMES=acme.tracing.TraceSegment

[ -f "$FILE" ] || { echo "no $FILE: run ../shared/bench/gen-large.sh first" >&2; exit 1; }
[ -d "$SHARK/target/classes" ] || { echo "no Shark bench in $SHARK: run ../shared/bench/setup-anchors.sh" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$ROOT" && mvn -B -q -o -pl heapdiff-bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$TMP/cp.txt" -Dmdep.includeScope=runtime)
CP="$ROOT/heapdiff-bench/target/classes:$(cat "$TMP/cp.txt")"
cat "$FILE" > /dev/null   # page cache, as for the anchors

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "file: $FILE ($(stat -c %s "$FILE") bytes), $RUNS runs each, interleaved"
echo "heapdiff: $JAVA $HEAPDIFF_OPTS ... HprofBench (summary mode)"
echo "shark:    $JAVA $SHARK_OPTS ... SharkHisto"
for i in $(seq "$RUNS"); do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %M' -o "$TMP/hd.$i" "$JAVA" $HEAPDIFF_OPTS -cp "$CP" io.github.heapdiff.bench.HprofBench \
        "$FILE" --top 0 --names "$NAMES" > "$TMP/hd.out.$i"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %M' -o "$TMP/sh.$i" "$JAVA" $SHARK_OPTS -cp "$SHARK/target/classes:$SHARK/target/dependency/*" \
        heapdiff.bench.SharkHisto "$FILE" --top 0 --names "$NAMES" > "$TMP/sh.out.$i"
    printf 'run %d: heapdiff %s s %s KB | shark %s s %s KB\n' "$i" $(cat "$TMP/hd.$i") $(cat "$TMP/sh.$i")
done
hd_count=$(grep "count $NAMES" "$TMP/hd.out.1" | awk '{print $NF}')
sh_count=$(grep "count $NAMES" "$TMP/sh.out.1" | awk '{print $NF}')
echo "$NAMES: heapdiff $hd_count, shark $sh_count"
[ "$hd_count" = "$sh_count" ] || { echo "the two disagree" >&2; exit 1; }
grep "size model" "$TMP/hd.out.1"
hd_s=$(for i in $(seq "$RUNS"); do awk '{print $1}' "$TMP/hd.$i"; done | median)
sh_s=$(for i in $(seq "$RUNS"); do awk '{print $1}' "$TMP/sh.$i"; done | median)
hd_kb=$(for i in $(seq "$RUNS"); do awk '{print $2}' "$TMP/hd.$i"; done | median)
sh_kb=$(for i in $(seq "$RUNS"); do awk '{print $2}' "$TMP/sh.$i"; done | median)
awk -v hs="$hd_s" -v ss="$sh_s" -v hk="$hd_kb" -v sk="$sh_kb" 'BEGIN {
    printf "median wall: heapdiff %.2f s, shark %.2f s: heapdiff takes %.3f of shark (1/%.1f)\n", hs, ss, hs / ss, ss / hs;
    printf "median peak RSS: heapdiff %.0f MiB, shark %.0f MiB\n", hk / 1024, sk / 1024 }'
