package io.github.heapdiff.formats.v8;

import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reader contract on small snapshots in three layouts V8 has written. */
class V8HeapSnapshotReaderTest extends ReaderContract {

    @Override
    protected SnapshotReader reader() {
        return new V8HeapSnapshotReader();
    }

    @Override
    protected Map<String, byte[]> samples() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("seven-fields.heapsnapshot", SnapshotText.leak(new SnapshotText().withLocations().withSamples()
                .withTraceFunctionInfos()).bytes());
        m.put("five-fields-root-last.heapsnapshot", V8LayoutTest.rootLast(new SnapshotText()
                .nodeFields("type", "name", "id", "self_size", "edge_count")).bytes());
        m.put("six-fields-no-counts.heapsnapshot", SnapshotText.leak(new SnapshotText()
                .nodeFields("name", "type", "edge_count", "id", "trace_node_id", "self_size").withoutCounts()).bytes());
        return m;
    }
}
