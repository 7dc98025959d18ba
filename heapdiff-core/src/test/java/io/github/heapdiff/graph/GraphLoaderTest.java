package io.github.heapdiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that streams a graph through the loader's sink ends up as groups, facts and, if asked, a kept graph. */
class GraphLoaderTest {

    /** Reads "n" lines "parent child" of a tree whose nodes are all of type Leaf, the root of type Root. */
    static final class TreeReader implements SnapshotReader {
        final AtomicReference<OptionalLong> length = new AtomicReference<>();

        @Override
        public String formatId() {
            return "test-tree";
        }

        @Override
        public String description() {
            return "a tree for tests";
        }

        @Override
        public MatchStrength probe(ProbeInput input) {
            return input.text().startsWith("tree") ? MatchStrength.FULL_MATCH : MatchStrength.NO_MATCH;
        }

        @Override
        public void read(InputStream in, SnapshotSink sink) throws IOException {
            length.set(sink.contentLength());
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            int n = Integer.parseInt(lines[1].trim());
            GraphBuilder g = sink.graph();
            int root = g.type("Root", TypeTrait.SYNTHETIC);
            int leaf = g.type("Leaf");
            for (int i = 0; i < n; i++) {
                g.node(i == 0 ? root : leaf, 10 + i, 8);
            }
            int child = g.intern("child");
            for (int i = 2; i < lines.length; i++) {
                String[] p = lines[i].trim().split(" ");
                g.edge(Integer.parseInt(p[0]), EdgeKind.PROPERTY, child, Integer.parseInt(p[1]), true);
            }
            g.root(0, "test");
        }
    }

    static final String TREE = "tree\n4\n0 1\n1 2\n1 3\n";

    static Snapshot read(SnapshotLoader loader) {
        return loader.read(new ByteArrayInputStream(TREE.getBytes(StandardCharsets.US_ASCII)), "tree.txt");
    }

    @Test
    void a_streamed_graph_becomes_groups_with_retained_sizes_and_facts() {
        Snapshot s = read(SnapshotLoader.of(new TreeReader()));
        assertEquals(3, s.group(GroupKey.of("Leaf")).orElseThrow().count());
        assertEquals(OptionalLong.of(24), s.group(GroupKey.of("Leaf")).orElseThrow().stats().retainedBytes(),
                "leaf 1 holds the other two: counted once");
        assertEquals("4", s.source().metadata().get("graph.nodes"));
        assertFalse(s.graph().isPresent(), "the graph is dropped by default");
        assertTrue(s.group(GroupKey.of("Leaf")).orElseThrow().facts().isPresent());
    }

    @Test
    void the_graph_is_kept_when_asked() {
        Snapshot s = read(SnapshotLoader.of(new TreeReader()).withKeepGraph(true));
        HeapGraph g = s.graph().orElseThrow();
        assertEquals(OptionalLong.of(24), g.retainedSize(1));
        assertEquals("[test] Root --child--> Leaf --child--> Leaf", g.retainerPath(3).orElseThrow().render());
    }

    @Test
    void summary_mode_counts_only() {
        Snapshot s = read(SnapshotLoader.of(new TreeReader()).withMode(ReadMode.SUMMARY));
        assertEquals(OptionalLong.empty(), s.group(GroupKey.of("Leaf")).orElseThrow().stats().retainedBytes());
        assertEquals(3, s.group(GroupKey.of("Leaf")).orElseThrow().count());
    }

    @Test
    void readers_learn_the_content_length_of_plain_files_only(@TempDir Path dir) throws IOException {
        TreeReader reader = new TreeReader();
        Path f = dir.resolve("tree.txt");
        Files.writeString(f, TREE);
        SnapshotLoader.of(reader).read(f);
        assertEquals(OptionalLong.of(TREE.length()), reader.length.get());
        read(SnapshotLoader.of(reader));
        assertEquals(OptionalLong.empty(), reader.length.get(), "a stream's length is not known");
    }
}
