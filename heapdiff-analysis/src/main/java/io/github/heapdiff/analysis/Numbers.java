package io.github.heapdiff.analysis;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Number formatting shared by the writers: grouped digits, signed changes, ratios; locale-independent. */
final class Numbers {

    private Numbers() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String count(OptionalLong n, String unknown) {
        return n.isPresent() ? count(n.getAsLong()) : unknown;
    }

    static String signed(long n) {
        return n > 0 ? "+" + count(n) : count(n);
    }

    static String signed(OptionalLong n) {
        return n.isPresent() ? signed(n.getAsLong()) : "?";
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "x%.2f", r);
    }

    static String ratio(OptionalDouble r) {
        return r.isPresent() ? ratio(r.getAsDouble()) : "?";
    }

    /** Bytes in binary units with one decimal: {@code 9.2 MiB}; exact below 1 KiB. */
    static String bytes(long n) {
        long abs = Math.abs(n);
        if (abs < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = abs;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (n < 0 ? "-" : "") + String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String signedBytes(long n) {
        return n > 0 ? "+" + bytes(n) : bytes(n);
    }
}
