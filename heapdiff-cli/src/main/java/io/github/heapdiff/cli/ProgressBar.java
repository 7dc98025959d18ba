package io.github.heapdiff.cli;

import io.github.heapdiff.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** Draws one self-overwriting progress line on a terminal: {@code [#####     ]  45% reading big.hprof}. */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private String lastLine = "";
    private long lastDraw;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(String source, String step, double fraction) {
        long now = System.nanoTime();
        boolean done = fraction >= 1.0;
        if (!done && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        String name = source.length() > 40 ? "..." + source.substring(source.length() - 37) : source;
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %s %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(fraction * 100), step, name);
        if (!line.equals(lastLine)) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            lastLine = line;
        }
        if (done) {
            out.print("\r" + " ".repeat(lastLine.length()) + "\r");
            lastLine = "";
        }
        out.flush();
    }
}
