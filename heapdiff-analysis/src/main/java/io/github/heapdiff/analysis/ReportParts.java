package io.github.heapdiff.analysis;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the report writers share: the summary line, cells of a group's history, weights, the finding each group is in. */
final class ReportParts {

    private ReportParts() {
    }

    /** "1 likely leak, 9 unknown, 0 not a leak". */
    static String verdicts(LeakReport r) {
        return r.findings(Verdict.LIKELY_LEAK).size() + " likely leak" + plural(r.findings(Verdict.LIKELY_LEAK).size())
                + ", " + r.findings(Verdict.UNKNOWN).size() + " unknown, "
                + r.findings(Verdict.NOT_A_LEAK).size() + " not a leak";
    }

    /** The summary sentence after the verdict counts. */
    static String summary(LeakReport r) {
        return verdicts(r) + "; " + count(r.controls().size(), "control") + ", " + count(r.newGroups().size(), "new group")
                + ", " + count(r.goneGroups().size(), "gone group") + ", " + count(r.notShown().size(), "group")
                + " not shown";
    }

    static String count(int n, String noun) {
        return n + " " + noun + plural(n);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    /** The most characters of a group key shown in a table cell; JSON always has the whole key. */
    static final int KEY_WIDTH = 90;

    /** A group key for a table cell: rendered, cut to {@value #KEY_WIDTH} characters with "..." when longer. */
    static String key(io.github.heapdiff.GroupKey k) {
        String r = k.render();
        return r.length() <= KEY_WIDTH ? r : r.substring(0, KEY_WIDTH - 4) + " ...";
    }

    /** One cell per snapshot: the count, "-" when absent, "not shown" when elided. */
    static List<String> history(GroupDelta d) {
        List<String> c = new ArrayList<>();
        for (Observation o : d.history()) {
            c.add(switch (o.presence()) {
                case PRESENT -> Numbers.count(o.stats().count());
                case ABSENT -> "-";
                case NOT_SHOWN -> "not shown";
            });
        }
        return c;
    }

    /** The change cell: "+189,979". */
    static String change(GroupDelta d) {
        return Numbers.signed(d.countDelta());
    }

    /** The ratio cell: "x10.54", "new", "gone" or "?". */
    static String ratio(GroupDelta d) {
        return d.isNew() ? "new" : d.isGone() ? "gone" : Numbers.ratio(d.countRatio());
    }

    /** The weight of a piece of evidence: "+1.5", "-4.0!" when decisive, "0" for supporting evidence. */
    static String weight(Evidence e) {
        if (e.weight() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%+.1f", e.weight()) + (e.decisive() ? "!" : "");
    }

    /** "likely leak (medium confidence, score 4.5)". */
    static String verdict(Finding f) {
        return f.verdict().label() + " (" + f.confidence().id() + " confidence, score "
                + String.format(Locale.ROOT, "%.1f", f.assessment().score()) + ")";
    }

    /** Which finding each group belongs to, as suspect or companion. */
    static Map<GroupKey, Finding> findingOf(LeakReport r) {
        Map<GroupKey, Finding> m = new HashMap<>();
        for (Finding f : r.findings()) {
            m.put(f.group().key(), f);
            f.companions().forEach(c -> m.put(c.key(), f));
        }
        return m;
    }

    /** Whether any group of the report knows shallow bytes at both ends. */
    static boolean hasBytes(LeakReport r) {
        return r.findings().stream().anyMatch(f -> f.group().shallowBytesDelta().isPresent());
    }

    /** The bytes change cell. */
    static String bytesChange(GroupDelta d) {
        return d.shallowBytesDelta().isPresent() ? Numbers.signedBytes(d.shallowBytesDelta().getAsLong()) : "?";
    }

    /** The findings to describe in detail: the first three and every other likely leak among the top. */
    static List<Finding> detailed(LeakReport r, int top) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : r.findings().subList(0, Math.min(top, r.findings().size()))) {
            if (out.size() < 3 || f.verdict() == Verdict.LIKELY_LEAK) {
                out.add(f);
            }
        }
        return out;
    }
}
