package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupFacts;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.RetainerPath;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.graph.HeapGraph;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Graph mode: the same groups as summary mode, plus the object graph: named references, weak
 * referents that do not retain, statics held through class objects, collection internals looked
 * through, instances before their classes, references to nothing.
 */
class HprofGraphTest {

    static SnapshotLoader loader(ReadMode mode) {
        return SnapshotLoader.of(new HprofReader()).withFormat("hprof").withMode(mode);
    }

    static Snapshot read(byte[] dump, SnapshotLoader loader) {
        return loader.read(new ByteArrayInputStream(dump), "test.hprof");
    }

    static Snapshot graph(byte[] dump) {
        return read(dump, loader(ReadMode.GRAPH).withKeepGraph(true));
    }

    /** Key, count, estimated bytes and raw bytes of every group. */
    static Map<String, List<Object>> figures(Snapshot s) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (ObjectGroup g : s.groups()) {
            GroupStats st = g.stats();
            out.put(g.key().render(), List.of(st.count(), st.shallowBytes(), st.rawBytes()));
        }
        return out;
    }

    static GroupFacts facts(Snapshot s, String type) {
        return s.group(GroupKey.of(type)).flatMap(ObjectGroup::facts)
                .orElseThrow(() -> new AssertionError("no facts for " + type));
    }

    static int node(HeapGraph g, long id) {
        return g.nodeWithId(id).orElseThrow(() -> new AssertionError("no node 0x" + Long.toHexString(id)));
    }

    @Test
    void graph_mode_counts_sizes_and_raw_bytes_equal_summary_mode_for_every_fixture() {
        for (byte[] dump : List.of(Fixtures.hotspot101(), Fixtures.hotspot102(), Fixtures.android103(),
                Fixtures.instancesBeforeClasses(), Dumps.references(), Dumps.collection())) {
            Snapshot summary = read(dump, loader(ReadMode.SUMMARY));
            Snapshot graph = read(dump, loader(ReadMode.GRAPH));
            assertEquals(figures(summary), figures(graph));
            // the dump's own figures too, though in graph mode the histogram beside the graph
            // keeps no counts per class (the objects, per Android heap as well)
            for (String key : List.of("hprof.size-model", "hprof.size-model.evidence", "hprof.objects", "hprof.heaps",
                    "hprof.roots", "hprof.class-dumps", "hprof.records")) {
                assertEquals(summary.source().metadata().get(key), graph.source().metadata().get(key), key);
            }
            assertEquals(Long.toString(summary.groups().stream().mapToLong(g -> g.stats().count()).sum()),
                    graph.source().metadata().get("hprof.objects"), "objects: every group's count");
            assertEquals("graph", graph.source().metadata().get("hprof.read-mode"));
            assertTrue(graph.groups().stream().allMatch(g -> g.stats().retainedBytes().isPresent()));
        }
    }

    @Test
    void fields_are_named_weak_referents_do_not_retain_and_statics_hold_through_their_class() {
        Snapshot s = graph(Dumps.references());
        HeapGraph g = s.graph().orElseThrow();
        int holder = node(g, Dumps.HOLDER);
        // the holder alone keeps its item array, two items and their payloads (16-byte objects,
        // 24-byte arrays under the 32-bit model); the weakly referenced item is not its to keep
        long items = g.shallowSize(node(g, Dumps.ITEMS));
        long item = g.shallowSize(node(g, Dumps.ITEM_1));
        long payload = g.shallowSize(node(g, Dumps.PAYLOAD_1));
        long weakRef = g.shallowSize(node(g, Dumps.WEAK));
        assertEquals(g.shallowSize(holder) + items + 2 * item + 2 * payload + weakRef,
                g.retainedSize(holder).orElseThrow());
        assertTrue(g.retainerPath(node(g, Dumps.WEAKLY_HELD)).isEmpty(), "only a weak reference reaches it");
        assertEquals("[system class] class acme.Cache --INSTANCE--> acme.Holder --items--> acme.Item[] --[1]--> "
                + "acme.Item --payload--> byte[]", g.retainerPath(node(g, Dumps.PAYLOAD_2)).orElseThrow().render());
        // the item array is infrastructure: the items' owner and accumulation point are the holder
        GroupFacts f = facts(s, "acme.Item");
        assertEquals(GroupKey.of("acme.Holder"), f.owners().get(0).owner());
        GroupFacts.AccumulationPoint p = f.accumulationPoints().get(0);
        assertEquals(Dumps.HOLDER, p.objectId());
        assertEquals("[system class] class acme.Cache --INSTANCE--> acme.Holder", p.path().orElseThrow().render());
        assertEquals("1", s.source().metadata().get("graph.dangling-references"), "the reference to nowhere");
    }

    @Test
    void owners_look_through_map_internals_and_the_map_is_the_accumulation_point() {
        Snapshot s = graph(Dumps.collection());
        GroupFacts f = facts(s, "acme.Session");
        assertEquals(List.of(new GroupFacts.Owner(GroupKey.of("java.util.HashMap"), 4, 4 * 16)), f.owners());
        GroupFacts.AccumulationPoint p = f.accumulationPoints().get(0);
        assertEquals("java.util.HashMap", p.type());
        assertEquals(4, p.instances());
        assertEquals("[system class] class acme.Registry --SESSIONS--> java.util.HashMap",
                p.path().orElseThrow().render());
        assertEquals(Optional.of("[system class] class acme.Registry --SESSIONS--> java.util.HashMap --table--> "
                + "java.util.HashMap$Node[] --[0]--> java.util.HashMap$Node --value--> acme.Session"),
                f.exemplarPath().map(RetainerPath::render));
    }

    @Test
    void groups_by_package_or_class_loader_on_request_in_both_modes() {
        for (String by : List.of("package", "class-loader")) {
            Snapshot summary = read(Dumps.references(), loader(ReadMode.SUMMARY).withSetting("hprof.grouping", by));
            Snapshot graph = read(Dumps.references(), loader(ReadMode.GRAPH).withSetting("hprof.grouping", by));
            assertEquals(figures(summary), figures(graph), by);
        }
        Snapshot packages = read(Dumps.references(), loader(ReadMode.GRAPH).withSetting("hprof.grouping", "package"));
        assertEquals(List.of("acme", "java.lang", "java.lang.ref"),
                packages.groups().stream().map(g -> g.key().type()).sorted().toList());
        assertEquals(5, packages.group(GroupKey.of("acme")).orElseThrow().count(), "holder, item array, 3 items");
        assertEquals(9, packages.group(GroupKey.of("java.lang")).orElseThrow().count(), "2 byte arrays, 7 classes");
        Snapshot loaders = read(Dumps.references(), loader(ReadMode.GRAPH).withSetting("hprof.grouping",
                "class-loader"));
        assertEquals(List.of(GroupNames.BOOTSTRAP), loaders.groups().stream().map(g -> g.key().type()).toList());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> read(Dumps.references(), loader(ReadMode.GRAPH).withSetting("hprof.grouping", "module")));
        assertEquals("unknown hprof.grouping 'module'; use one of class, package, class-loader", e.getMessage());
    }

    @Test
    void instances_read_before_their_class_keep_their_references() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.address();
        long late = b.address();
        b.load(object, "java/lang/Object").load(late, "acme/Late");
        long first = b.address();
        long second = b.address();
        b.heap().instance(first, late, b.fields().ref(second).toBytes());
        b.heap().instance(second, late, b.fields().ref(0).toBytes());
        b.heap().rootJniGlobal(first, 1);
        b.dump(late, object, 0, "Object next");
        b.dump(object, 0, 0);
        Snapshot s = graph(b.segments());
        HeapGraph g = s.graph().orElseThrow();
        assertEquals(Optional.of("[JNI global] acme.Late --next--> acme.Late"),
                g.retainerPath(node(g, second)).map(RetainerPath::render));
        assertEquals(2 * g.shallowSize(node(g, second)), g.retainedSize(node(g, first)).orElseThrow());
    }

    @Test
    void a_class_loader_keeps_the_classes_it_loaded_and_names_their_origin() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        long loaderClass = b.klass("java/lang/ClassLoader", object, "Object classes");
        long appLoader = b.klass("acme/AppLoader", loaderClass);
        long list = b.klass("[Ljava/lang/Object;", object);
        long loader = b.address();
        long registry = b.address();
        long value = 0x9000;
        b.load(registry, "acme/Registry");
        b.heap().classDump(registry, object, loader, 0, new long[][] {{b.str("VALUE"), Hprof.OBJECT, value}},
                new long[0][]);
        long classes = b.address();
        b.heap().instance(loader, appLoader, b.fields().ref(classes).toBytes());
        b.heap().objectArray(classes, list, registry);
        b.heap().instance(value, registry, new byte[0]);
        b.heap().rootJniGlobal(loader, 1);
        Snapshot s = graph(b.segments());
        HeapGraph g = s.graph().orElseThrow();
        assertEquals(Optional.of("[JNI global] acme.AppLoader --<loaded class>--> class acme.Registry --VALUE--> "
                + "acme.Registry"), g.retainerPath(node(g, value)).map(RetainerPath::render));
        assertEquals(OptionalInt.of(node(g, loader)), g.dominator(node(g, registry)), "the loader, not its list");
        assertEquals(Optional.of("acme (class loader: acme.AppLoader)"),
                s.group(GroupKey.of("acme.Registry")).flatMap(ObjectGroup::origin).map(Object::toString));
        assertEquals(Optional.of("acme (class loader: bootstrap)"),
                s.group(GroupKey.of("acme.AppLoader")).flatMap(ObjectGroup::origin).map(Object::toString));
    }

    @Test
    void references_of_an_instance_larger_than_the_input_buffer_are_read_through_the_input() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        String[] fields = new String[40_001];
        for (int i = 0; i < 40_000; i++) {
            fields[i] = "long f" + i;
        }
        fields[40_000] = "Object last";
        long big = b.klass("acme/Big", object, fields);
        long target = 0x9000;
        long instance = 0x8000;
        HprofWriter.Fields f = b.fields();
        for (int i = 0; i < 40_000; i++) {
            f.i64(i);
        }
        b.heap().instance(instance, big, f.ref(target).toBytes());
        b.heap().instance(target, object, new byte[0]);
        b.heap().rootJniGlobal(instance, 1);
        assertTrue(40_000 * 8 > HprofInput.MAX_BUFFER, "more field bytes than the input buffers");
        Snapshot s = graph(b.segments());
        HeapGraph g = s.graph().orElseThrow();
        assertEquals(Optional.of("[JNI global] acme.Big --last--> java.lang.Object"),
                g.retainerPath(node(g, target)).map(RetainerPath::render));
    }

    @Test
    void elements_of_an_object_array_larger_than_the_input_buffer_are_read_through_the_input() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        long objects = b.klass("[Ljava/lang/Object;", object);
        long array = 0x8000;
        long[] elements = new long[40_000];
        long[] targets = {0x9000, 0x9010, 0x9020};
        int[] at = {3, 4_100, 39_999}; // in the first, the second and the last block read
        for (int i = 0; i < at.length; i++) {
            elements[at[i]] = targets[i];
        }
        b.heap().objectArray(array, objects, elements);
        for (long t : targets) {
            b.heap().instance(t, object, new byte[0]);
        }
        b.heap().rootJniGlobal(array, 1);
        assertTrue(40_000 * 8 > HprofInput.MAX_BUFFER, "more elements than the input buffers");
        Snapshot s = graph(b.segments());
        HeapGraph g = s.graph().orElseThrow();
        int node = node(g, array);
        assertEquals(3, g.endEdge(node) - g.firstEdge(node), "one edge a non-null element");
        for (int i = 0; i < at.length; i++) {
            assertEquals(Optional.of("[JNI global] java.lang.Object[] --[" + at[i] + "]--> java.lang.Object"),
                    g.retainerPath(node(g, targets[i])).map(RetainerPath::render));
        }
    }

    /** Small dumps for the graph tests, 4-byte ids (the 32-bit size model). */
    static final class Dumps {
        static final long HOLDER = 0x5000;
        static final long ITEMS = 0x5100;
        static final long ITEM_1 = 0x5200;
        static final long ITEM_2 = 0x5210;
        static final long PAYLOAD_1 = 0x5300;
        static final long PAYLOAD_2 = 0x5310;
        static final long WEAK = 0x5400;
        static final long WEAKLY_HELD = 0x5500;

        private Dumps() {
        }

        /**
         * {@code class acme.Cache { static Holder INSTANCE; }} (a system class), an
         * {@code acme.Holder { Object items; Object weak; Object gone; }} whose {@code items} is an
         * {@code Item[2]} of {@code acme.Item { Object payload; }} each with a {@code byte[4]},
         * whose {@code weak} is a {@code java.lang.ref.WeakReference} to a third item, and whose
         * {@code gone} points to no object of the dump.
         */
        static byte[] references() {
            DumpBuilder b = new DumpBuilder("1.0.2", 4);
            long object = b.klass("java/lang/Object", 0);
            long reference = b.klass("java/lang/ref/Reference", object, "Object referent", "Object queue");
            long weak = b.klass("java/lang/ref/WeakReference", reference);
            long holderClass = b.klass("acme/Holder", object, "Object items", "Object weak", "Object gone");
            long itemClass = b.klass("acme/Item", object, "Object payload");
            long itemArray = b.klass("[Lacme/Item;", object);
            long cache = b.address();
            b.load(cache, "acme/Cache");
            b.heap().classDump(cache, object, 0, 0, new long[][] {{b.str("INSTANCE"), Hprof.OBJECT, HOLDER}},
                    new long[0][]);
            b.heap().instance(HOLDER, holderClass, b.fields().ref(ITEMS).ref(WEAK).ref(0xDEAD0).toBytes());
            b.heap().objectArray(ITEMS, itemArray, ITEM_1, ITEM_2);
            b.heap().instance(ITEM_1, itemClass, b.fields().ref(PAYLOAD_1).toBytes());
            b.heap().instance(ITEM_2, itemClass, b.fields().ref(PAYLOAD_2).toBytes());
            b.heap().primitiveArray(PAYLOAD_1, Hprof.BYTE, 4);
            b.heap().primitiveArray(PAYLOAD_2, Hprof.BYTE, 4);
            b.heap().instance(WEAK, weak, b.fields().ref(WEAKLY_HELD).ref(0).toBytes());
            b.heap().instance(WEAKLY_HELD, itemClass, b.fields().ref(0).toBytes());
            b.heap().rootStickyClass(cache);
            return b.segments();
        }

        /**
         * {@code class acme.Registry { static HashMap SESSIONS; }} (a system class) holding four
         * {@code acme.Session} values in a minimal {@code java.util.HashMap} (a subclass of
         * {@code java.util.AbstractMap}) with a {@code Node[4]} table; two sessions share a bucket.
         */
        static byte[] collection() {
            DumpBuilder b = new DumpBuilder("1.0.2", 4);
            long object = b.klass("java/lang/Object", 0);
            long abstractMap = b.klass("java/util/AbstractMap", object);
            long hashMap = b.klass("java/util/HashMap", abstractMap, "Object table", "int size");
            long nodeClass = b.klass("java/util/HashMap$Node", object, "Object key", "Object value", "Object next");
            long nodeArray = b.klass("[Ljava/util/HashMap$Node;", object);
            long session = b.klass("acme/Session", object, "int id");
            long registry = b.address();
            long map = 0x6000;
            b.load(registry, "acme/Registry");
            b.heap().classDump(registry, object, 0, 0, new long[][] {{b.str("SESSIONS"), Hprof.OBJECT, map}},
                    new long[0][]);
            long table = 0x6100;
            b.heap().instance(map, hashMap, b.fields().ref(table).i32(4).toBytes());
            long[] nodes = {0x6200, 0x6210, 0x6220, 0x6230};
            long[] sessions = {0x6300, 0x6310, 0x6320, 0x6330};
            b.heap().objectArray(table, nodeArray, nodes[0], nodes[1], nodes[2], 0);
            for (int i = 0; i < 4; i++) {
                long next = i == 2 ? nodes[3] : 0;
                b.heap().instance(nodes[i], nodeClass, b.fields().ref(0).ref(sessions[i]).ref(next).toBytes());
                b.heap().instance(sessions[i], session, b.fields().i32(i).toBytes());
            }
            b.heap().rootStickyClass(registry);
            return b.segments();
        }
    }
}
