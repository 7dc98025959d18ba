#!/usr/bin/env bash
# Times heapdiff's HPROF reader against Shark's index + class histogram (LeakCanary shark-graph
# 2.14, the SharkHisto anchor), whole process against whole process, runs interleaved so that all
# see the same machine:
#   summary  heapdiff in summary mode: the class histogram in one streaming pass
#   graph    heapdiff in graph mode: the object graph, dominators, retained sizes, owners,
#            accumulation points and retainer paths (everything `heapdiff leaks` reads)
#   shark    Shark: HprofHeapGraph.openHeapGraph (its index) + a histogram of every object
# Prints each run, the medians, the ratios to Shark and the peak RSS against the file size.
#
# Usage: bash bench/compare-hprof.sh [FILE.hprof] [RUNS] [MODES]
#   FILE   default /tmp/heapdiff-large/large-3-final.hprof (made by ../shared/bench/gen-large.sh)
#   RUNS   default 3 (the median is taken)
#   MODES  default "summary graph" (either or both)
# Environment: JAVA (default java), SHARK_BENCH (default /tmp/anchors/shark-bench, built by
#   ../shared/bench/setup-anchors.sh), SHARK_OPTS (default -Xmx8g, as in ../shared/bench/ANCHORS.md),
#   HEAPDIFF_CDS (default 1: heapdiff runs with a class-data archive of its classes made by one
#   unmeasured run first, as bin/heapdiff keeps one after its first run; 0 for none, as a first run),
#   SUMMARY_OPTS (default -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1),
#   GRAPH_OPTS (default: what bin/heapdiff runs with, -XX:+UseSerialGC -Xmn8m
#   -XX:PretenureSizeThreshold=256k -Xmx<FILE's size less 96 MiB>, later C2 compilation (-XX:Tier4*
#   thresholds) and a heap grown to the cap at the first full collection (-XX:MinHeapFreeRatio=60;
#   see bin/heapdiff for both): a serial collector, a small young
#   generation and big arrays allocated straight into the old one keep the process close to the
#   live arrays; the heap size decides how the analysis trades memory for time: the dump's size
#   less 96 MiB (863 MiB for the 1 GB one) makes it take its lean plan, about 25 bytes an object beyond the
#   graph's 16 an object and 9 a reference (about 800 MiB live at the peak for the 1 GB dump's
#   15.05 M objects and 23.7 M references); with a heap of several GB it takes its fastest plan
#   instead and peaks above the file's size).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:-/tmp/heapdiff-large/large-3-final.hprof}
RUNS=${2:-3}
MODES=${3:-summary graph}
JAVA=${JAVA:-java}
SHARK=${SHARK_BENCH:-/tmp/anchors/shark-bench}
SUMMARY_OPTS=${SUMMARY_OPTS:-${HEAPDIFF_OPTS:--XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1}}
# bin/heapdiff's rule: the largest HPROF input's size less 96 MiB, at least 512 MB
GRAPH_MB=$(( $(stat -c %s "$FILE" 2>/dev/null || echo 0) / 1048576 - 96 ))
[ "$GRAPH_MB" -lt 512 ] && GRAPH_MB=512
# and bin/heapdiff's later C2 compilation for HPROF inputs
TIER4="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=200000"
GRAPH_OPTS=${GRAPH_OPTS:--XX:+UseSerialGC -Xmn8m -XX:PretenureSizeThreshold=256k -Xmx${GRAPH_MB}m $TIER4 -XX:MinHeapFreeRatio=60}
SHARK_OPTS=${SHARK_OPTS:--Xmx8g}
NAMES=acme.tracing.TraceSegment

[ -f "$FILE" ] || { echo "no $FILE: run ../shared/bench/gen-large.sh first" >&2; exit 1; }
[ -d "$SHARK/target/classes" ] || { echo "no Shark bench in $SHARK: run ../shared/bench/setup-anchors.sh" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$ROOT" && mvn -B -q -o -pl heapdiff-bench -am -DskipTests package)
# the bench jar and its dependencies' jars (class-data sharing takes jars only)
CP="$(ls "$ROOT"/heapdiff-bench/target/heapdiff-bench-*.jar | grep -v -e -sources -e -javadoc | head -1):$ROOT/heapdiff-bench/target/lib/*"
cat "$FILE" > /dev/null   # page cache, as for the anchors
BYTES=$(stat -c %s "$FILE")

# the class-data archive bin/heapdiff keeps after its first run: one unmeasured run per mode, each
# mode then mapping the archive its kind of run made
CDS_SUMMARY=""
CDS_GRAPH=""
if [ "${HEAPDIFF_CDS:-1}" = "1" ]; then
    for m in $MODES; do
        opts=$SUMMARY_OPTS
        [ "$m" = graph ] && opts=$GRAPH_OPTS
        # shellcheck disable=SC2086
        "$JAVA" $opts -Xlog:disable -Xlog:all=warning:stderr -Xlog:'cds*=off:stderr' -XX:ArchiveClassesAtExit="$TMP/$m.jsa" \
            -cp "$CP" io.github.heapdiff.bench.HprofBench "$FILE" --mode "$m" --top 0 > /dev/null
        if [ "$m" = graph ]; then CDS_GRAPH="-XX:SharedArchiveFile=$TMP/$m.jsa"; else CDS_SUMMARY="-XX:SharedArchiveFile=$TMP/$m.jsa"; fi
    done
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "file: $FILE ($BYTES bytes = $(awk -v b="$BYTES" 'BEGIN {printf "%.1f MiB", b / 1048576}')), $RUNS runs each, interleaved"
for m in $MODES; do
    case $m in
        summary) echo "heapdiff summary: $JAVA $SUMMARY_OPTS $CDS_SUMMARY ... HprofBench --mode summary" ;;
        graph) echo "heapdiff graph:   $JAVA $GRAPH_OPTS $CDS_GRAPH ... HprofBench --mode graph" ;;
        *) echo "unknown mode $m (summary, graph)" >&2; exit 2 ;;
    esac
done
echo "shark:            $JAVA $SHARK_OPTS ... SharkHisto"
for i in $(seq "$RUNS"); do
    line="run $i:"
    for m in $MODES; do
        opts="$SUMMARY_OPTS $CDS_SUMMARY"
        [ "$m" = graph ] && opts="$GRAPH_OPTS $CDS_GRAPH"
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %M' -o "$TMP/$m.$i" "$JAVA" $opts -cp "$CP" io.github.heapdiff.bench.HprofBench \
            "$FILE" --mode "$m" --top 0 --names "$NAMES" > "$TMP/$m.out.$i"
        line="$line heapdiff $m $(awk '{printf "%s s %s KiB", $1, $2}' "$TMP/$m.$i") |"
    done
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %M' -o "$TMP/shark.$i" "$JAVA" $SHARK_OPTS -cp "$SHARK/target/classes:$SHARK/target/dependency/*" \
        heapdiff.bench.SharkHisto "$FILE" --top 0 --names "$NAMES" > "$TMP/shark.out.$i"
    echo "$line shark $(awk '{printf "%s s %s KiB", $1, $2}' "$TMP/shark.$i")"
done
sh_count=$(grep "count $NAMES" "$TMP/shark.out.1" | awk '{print $NF}')
sh_s=$(for i in $(seq "$RUNS"); do awk '{print $1}' "$TMP/shark.$i"; done | median)
sh_kb=$(for i in $(seq "$RUNS"); do awk '{print $2}' "$TMP/shark.$i"; done | median)
awk -v s="$sh_s" -v k="$sh_kb" -v n="$NAMES" -v c="$sh_count" \
    'BEGIN {printf "shark: median %.2f s, peak RSS median %.0f MiB; %s = %s\n", s, k / 1024, n, c}'
for m in $MODES; do
    count=$(grep "count $NAMES" "$TMP/$m.out.1" | awk '{print $NF}')
    [ "$count" = "$sh_count" ] || { echo "heapdiff $m counts $count $NAMES, shark $sh_count" >&2; exit 1; }
    s=$(for i in $(seq "$RUNS"); do awk '{print $1}' "$TMP/$m.$i"; done | median)
    kb=$(for i in $(seq "$RUNS"); do awk '{print $2}' "$TMP/$m.$i"; done | median)
    kbmax=$(for i in $(seq "$RUNS"); do awk '{print $2}' "$TMP/$m.$i"; done | sort -n | tail -1)
    awk -v m="$m" -v hs="$s" -v ss="$sh_s" -v hk="$kb" -v hmax="$kbmax" -v bytes="$BYTES" 'BEGIN {
        printf "heapdiff %s: median %.2f s = %.3f of shark (1/%.1f); peak RSS median %.0f MiB, max %.0f MiB = %.2f of the file\n",
            m, hs, hs / ss, ss / hs, hk / 1024, hmax / 1024, hmax * 1024 / bytes }'
    # each run against the Shark run right after it: the host drifts over a series, and a ratio per
    # round follows the drift that the ratio of the medians averages away
    for i in $(seq "$RUNS"); do
        paste "$TMP/$m.$i" "$TMP/shark.$i" | awk '{printf "%.4f\n", $1 / $3}'
    done | sort -n > "$TMP/$m.ratios"
    r_med=$(median < "$TMP/$m.ratios")
    awk -v m="$m" -v r="$r_med" -v lo="$(head -1 "$TMP/$m.ratios")" -v hi="$(tail -1 "$TMP/$m.ratios")" \
        -v faster="$(awk '$1 <= 1' "$TMP/$m.ratios" | wc -l)" -v n="$RUNS" 'BEGIN {
        printf "  %s per round: median %.3f of shark (%.2f-%.2f), no slower than shark in %d of %d rounds\n", m, r, lo, hi, faster, n }'
    grep "size model" "$TMP/$m.out.1" | sed "s/^/  $m: /"
done
