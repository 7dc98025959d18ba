package io.github.heapdiff.examples;

import io.github.heapdiff.analysis.Finding;
import io.github.heapdiff.analysis.Heuristics;
import io.github.heapdiff.analysis.LeakReport;
import io.github.heapdiff.analysis.Rankings;
import io.github.heapdiff.analysis.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The founding story explained: the same two listings, attributed. {@code TraceSegment} is the
 * finding; {@code Timer} and the {@code nr_exclusive_duration_millis} objects are its companions
 * (they grew in lock-step with it); the 8,775 config objects are the control.
 */
public final class FoundingStoryLeaks {

    private FoundingStoryLeaks() {
    }

    /** Attributes the bundled listings' growth. */
    public static LeakReport report() {
        return FoundingStory.read("before.txt").diff(FoundingStory.read("after.txt"))
                .rank(Rankings.composite())
                .attribute(Heuristics.defaults());
    }

    /** Prints the leak report of the bundled listings, then the first finding on one line. */
    public static void main(String[] args) throws IOException {
        LeakReport report = report();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        ReportWriter.text().withTop(5).write(report, out);
        Finding first = report.findings().get(0);
        out.println(first.summary());
        out.flush();
    }
}
