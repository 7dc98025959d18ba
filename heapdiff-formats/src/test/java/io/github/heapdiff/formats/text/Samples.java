package io.github.heapdiff.formats.text;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.SnapshotReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The bundled text samples under {@code src/test/resources/text}, and reading helpers. */
final class Samples {

    private Samples() {
    }

    /** The content of sample {@code path} (such as {@code mdb/before.txt}), gunzipped when it ends in {@code .gz}. */
    static byte[] bytes(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/text/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return path.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The samples at {@code paths} by {@linkplain #name name}, in the order given. */
    static Map<String, byte[]> byName(List<String> paths) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String p : paths) {
            m.put(name(p), bytes(p));
        }
        return m;
    }

    /** The group with {@code key}, or an assertion failure listing the groups there are. */
    static ObjectGroup group(Snapshot s, GroupKey key) {
        return s.group(key).orElseThrow(() -> new AssertionError("no group " + key + " in " + s.groups()));
    }

    /** The sample's file name without folders and without {@code .gz}. */
    static String name(String path) {
        String n = path.substring(path.lastIndexOf('/') + 1);
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }

    /** Reads {@code text} with {@code reader} forced. */
    static Snapshot read(SnapshotReader reader, String text, String name) {
        return read(reader, text.getBytes(StandardCharsets.UTF_8), name);
    }

    static Snapshot read(SnapshotReader reader, byte[] content, String name) {
        return SnapshotLoader.of(reader).withFormat(reader.formatId()).read(new ByteArrayInputStream(content), name);
    }
}
