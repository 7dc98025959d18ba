package io.github.heapdiff.analysis;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.heapdiff.GroupKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small table of type and property names that well-known agents and frameworks use, such as
 * {@code TraceSegment} and {@code nr_} properties for the New Relic Node.js agent, or
 * {@code org.springframework.} classes for Spring.
 *
 * <p>The origin heuristic shows a match as supporting evidence only ("resembles X"), with weight
 * zero: a name is a hint, not proof, and never changes a verdict. {@link #defaults()} is the table
 * in {@code io/github/heapdiff/analysis/well-known-types.tsv} of this library (one
 * {@code match<TAB>pattern<TAB>library} per line); extend it with {@link #with(Entry)}, or start from
 * {@link #none()}. Immutable and thread-safe.
 */
public final class WellKnownTypes {

    /** How an entry's pattern is matched. */
    public enum Match {
        /** The type name, or a Java class's simple name, equals the pattern. */
        TYPE,
        /** The type name starts with the pattern (a Java package prefix such as {@code io.netty.}). */
        TYPE_PREFIX,
        /** A property name of the group's shape starts with the pattern (such as {@code nr_}). */
        PROPERTY_PREFIX;

        /** The id used in the table file: {@code type}, {@code type-prefix}, {@code property-prefix}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One well-known name.
     *
     * @param match how the pattern is matched
     * @param pattern the name or prefix
     * @param library who uses it, for people: {@code the New Relic Node.js agent (newrelic)}
     */
    public record Entry(Match match, String pattern, String library) {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(library, "library");
            checkArgument(!pattern.isEmpty() && !library.isEmpty(), "pattern and library must not be empty");
        }

        /** Returns true when {@code key} matches this entry. */
        public boolean matches(GroupKey key) {
            String type = TypeNames.plain(key.type());
            return switch (match) {
                case TYPE -> type.equals(pattern) || TypeNames.simpleName(type).equals(pattern);
                case TYPE_PREFIX -> type.startsWith(pattern);
                case PROPERTY_PREFIX -> key.shape().map(s -> s.names().stream().anyMatch(n -> n.startsWith(pattern)))
                        .orElse(false);
            };
        }

        /** What matched, for a reason line: {@code TraceSegment}, {@code nr_ properties}, {@code io.netty.* classes}. */
        public String describeMatch() {
            return switch (match) {
                case TYPE -> pattern;
                case TYPE_PREFIX -> pattern + "* classes";
                case PROPERTY_PREFIX -> pattern + " properties";
            };
        }
    }

    private static final WellKnownTypes DEFAULTS = load();

    private final List<Entry> entries;

    private WellKnownTypes(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table bundled with this library. */
    public static WellKnownTypes defaults() {
        return DEFAULTS;
    }

    /** An empty table: no resemblance is ever reported. */
    public static WellKnownTypes none() {
        return new WellKnownTypes(List.of());
    }

    /** Returns this table with one more entry. */
    public WellKnownTypes with(Entry entry) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.add(Objects.requireNonNull(entry, "entry"));
        return new WellKnownTypes(copy);
    }

    /** The entries, in table order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entries {@code key} matches, in table order. */
    public List<Entry> matches(GroupKey key) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(key)) {
                out.add(e);
            }
        }
        return out;
    }

    private static WellKnownTypes load() {
        String resource = "well-known-types.tsv";
        try (InputStream in = WellKnownTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled table " + resource + " is missing from heapdiff-analysis");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> entries = new ArrayList<>();
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                checkArgument(f.length == 3, "%s line %s: expected 'match<TAB>pattern<TAB>library' but found '%s'",
                        resource, lineNo, line);
                Match m = switch (f[0]) {
                    case "type" -> Match.TYPE;
                    case "type-prefix" -> Match.TYPE_PREFIX;
                    case "property-prefix" -> Match.PROPERTY_PREFIX;
                    default -> throw new IllegalArgumentException(resource + " line " + lineNo
                            + ": expected type, type-prefix or property-prefix but found '" + f[0] + "'");
                };
                entries.add(new Entry(m, f[1], f[2]));
            }
            return new WellKnownTypes(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
