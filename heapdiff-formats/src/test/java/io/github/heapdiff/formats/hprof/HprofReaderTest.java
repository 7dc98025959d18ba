package io.github.heapdiff.formats.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import io.github.heapdiff.Snapshots;
import io.github.heapdiff.spi.MatchStrength;
import io.github.heapdiff.spi.ProbeInput;
import io.github.heapdiff.spi.ReadOptions.ReadMode;
import io.github.heapdiff.spi.SnapshotReader;
import io.github.heapdiff.testing.ReaderContract;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HprofReaderTest extends ReaderContract {

    @Override
    protected SnapshotReader reader() {
        return new HprofReader();
    }

    @Override
    protected Map<String, byte[]> samples() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("hotspot-1.0.1-ids4.hprof", Fixtures.hotspot101());
        m.put("hotspot-1.0.2-ids8.hprof", Fixtures.hotspot102());
        m.put("android-1.0.3.hprof", Fixtures.android103());
        m.put("instances-before-classes.hprof", Fixtures.instancesBeforeClasses());
        return m;
    }

    static Snapshot read(byte[] bytes) {
        return read(bytes, SnapshotLoader.of(new HprofReader()));
    }

    static Snapshot read(byte[] bytes, SnapshotLoader loader) {
        return loader.withFormat("hprof").read(new ByteArrayInputStream(bytes), "test.hprof");
    }

    static GroupStats stats(Snapshot s, String type) {
        return s.group(GroupKey.of(type)).map(ObjectGroup::stats)
                .orElseThrow(() -> new AssertionError("no group " + type + " in " + s.groups()));
    }

    /** Count, estimated shallow bytes, raw HPROF bytes. */
    static void assertGroup(Snapshot s, String type, long count, long shallow, long raw) {
        GroupStats g = stats(s, type);
        assertEquals(count, g.count(), type + " count");
        assertEquals(OptionalLong.of(shallow), g.shallowBytes(), type + " estimated bytes");
        assertEquals(OptionalLong.of(raw), g.rawBytes(), type + " raw bytes");
    }

    @Test
    void version_1_0_1_with_4_byte_ids_in_one_heap_dump_record_reads_under_the_32_bit_model() {
        Snapshot s = read(Fixtures.hotspot101());
        Map<String, String> meta = s.source().metadata();
        assertEquals("JAVA PROFILE 1.0.1", meta.get("hprof.version"));
        assertEquals("4", meta.get("hprof.id-size"));
        assertEquals("hotspot-32", meta.get("hprof.size-model"));
        assertEquals("4-byte identifiers", meta.get("hprof.size-model.basis"));
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), s.source().captureTime().orElseThrow());
        // acme.Seg {long t; int port; boolean open; Object name}: 17 field bytes as written;
        // 32-bit HotSpot: header 8, t@8, port@16, open@20, name@24 -> 28 -> 32.
        assertGroup(s, "acme.Seg", 3, 3 * 32, 3 * 17);
        assertGroup(s, "java.lang.Object", 1, 8, 0);
        assertGroup(s, "java.lang.Object[]", 1, 24, 12);   // 12 + 3 * 4 = 24
        assertGroup(s, "boolean[]", 1, 16, 1);             // 12 + 1 -> 16
        assertGroup(s, "char[]", 1, 16, 4);
        assertGroup(s, "float[]", 1, 24, 12);
        assertGroup(s, "double[]", 1, 48, 32);             // 8-byte elements start at 16: 16 + 32
        assertGroup(s, "byte[]", 1, 16, 3);
        assertGroup(s, "short[]", 1, 24, 12);
        assertGroup(s, "int[]", 1, 32, 20);
        assertGroup(s, "long[]", 1, 32, 16);
        // Four CLASS DUMPs: one java.lang.Class object each (no java.lang.Class dump here: header only).
        assertGroup(s, "java.lang.Class", 4, 4 * 8, 0);
        assertEquals(12, s.groups().size());
        assertEquals("ROOT UNKNOWN: 1, ROOT JNI GLOBAL: 1, ROOT JNI LOCAL: 1, ROOT JAVA FRAME: 1, ROOT NATIVE STACK: 1, "
                + "ROOT STICKY CLASS: 1, ROOT THREAD BLOCK: 1, ROOT MONITOR USED: 1, ROOT THREAD OBJECT: 1",
                meta.get("hprof.roots"));
        assertEquals(Long.toString(4 + 1 + 3 + 1 + 8), meta.get("hprof.objects"));
    }

    @Test
    void version_1_0_2_segments_with_8_byte_ids_read_under_the_detected_compressed_oops_model() {
        Snapshot s = read(Fixtures.hotspot102());
        Map<String, String> meta = s.source().metadata();
        assertEquals("hotspot-64-coops", meta.get("hprof.size-model"));
        assertEquals("detected from object spacing", meta.get("hprof.size-model.basis"));
        assertEquals("2", meta.get("hprof.segments"));
        // acme.Leaf: own fields (long b, Object c, byte d) then acme.Base's (int a): 8 + 8 + 1 + 4 bytes;
        // compressed oops: a@12, b@16, d@24, c@28 -> 32.
        assertGroup(s, "acme.Leaf", 2, 64, 42);
        assertGroup(s, "acme.Base", 1, 16, 4);
        assertGroup(s, "acme.Leaf$$Lambda$14+0x0000000800c01000", 1, 16, 0);
        assertGroup(s, "acme.Leaf[]", 1, 24, 16);
        assertGroup(s, "int[][]", 1, 24, 8);
        assertGroup(s, "int[]", 1, 32, 12);
        assertEquals(7, s.groups().size());
        assertFalse(meta.containsKey("hprof.dumps"));
    }

    @Test
    void the_size_model_setting_overrides_detection_and_is_recorded() {
        SnapshotLoader loader = SnapshotLoader.of(new HprofReader()).withSetting(HprofReader.SIZE_MODEL_SETTING,
                "hotspot-64");
        Snapshot s = read(Fixtures.hotspot102(), loader);
        assertEquals("hotspot-64", s.source().metadata().get("hprof.size-model"));
        assertEquals("setting hprof.size-model", s.source().metadata().get("hprof.size-model.basis"));
        // No compression: header 16, a@16, then b@24, d@20 (in the gap after a), c@32 -> 40.
        assertGroup(s, "acme.Leaf", 2, 80, 42);
        assertGroup(s, "acme.Base", 1, 24, 4);
        assertGroup(s, "acme.Leaf[]", 1, 40, 16);           // 24 + 2 * 8
        Snapshot ccp = read(Fixtures.hotspot102(), loader.withSetting(HprofReader.SIZE_MODEL_SETTING, "HOTSPOT-64-CCP"));
        assertGroup(ccp, "acme.Leaf", 2, 80, 42);           // 12-byte header, 8-byte references: c@32 -> 40
        assertGroup(ccp, "acme.Base", 1, 16, 4);
        assertGroup(ccp, "acme.Leaf[]", 1, 32, 16);         // 16 + 2 * 8
    }

    @Test
    void an_unknown_size_model_is_a_caller_mistake_naming_the_models() {
        SnapshotLoader loader = SnapshotLoader.of(new HprofReader()).withSetting(HprofReader.SIZE_MODEL_SETTING, "j9");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Fixtures.hotspot102(), loader));
        assertTrue(e.getMessage().contains("hotspot-64-coops") && e.getMessage().contains("'j9'"), e.getMessage());
    }

    @Test
    void android_1_0_3_reads_heap_markers_android_roots_and_art_object_sizes() {
        Snapshot s = read(Fixtures.android103());
        Map<String, String> meta = s.source().metadata();
        assertEquals("android", meta.get("hprof.size-model"));
        assertEquals("zygote: 1, image: 1, app: 5", meta.get("hprof.heaps"));
        assertEquals("ROOT STICKY CLASS: 1, ROOT THREAD OBJECT: 1, ROOT INTERNED STRING: 1, ROOT FINALIZING: 1, "
                + "ROOT DEBUGGER: 1, ROOT REFERENCE CLEANUP: 1, ROOT VM INTERNAL: 1, ROOT JNI MONITOR: 1, UNREACHABLE: 1",
                meta.get("hprof.roots"));
        assertGroup(s, "acme.Node", 2, 32, 16);             // ART object size 16 from the class dump
        assertGroup(s, "java.lang.Object", 1, 8, 0);
        assertGroup(s, "acme.Node[]", 1, 24, 12);           // ART: 12-byte array header + 3 * 4
        assertGroup(s, "int[]", 1, 32, 20);
        assertGroup(s, "long[]", 1, 32, 16);                // 8-byte elements start at 16
        assertGroup(s, "char[]", 1, 24, 0);                 // NODATA: 4 chars counted, none written
    }

    @Test
    void instances_before_their_class_dumps_and_subclasses_before_superclasses_are_counted() {
        Snapshot s = read(Fixtures.instancesBeforeClasses());
        // acme.Late (long l, Object o) extends acme.Mid (int m): 20 field bytes;
        // compressed oops: m@12, l@16, o@24 -> 28 -> 32.
        assertGroup(s, "acme.Late", 2, 64, 40);
        assertGroup(s, "acme.Mid", 1, 16, 4);
        assertEquals(3, stats(s, "java.lang.Class").count());
    }

    @Test
    void graph_mode_reads_the_summary_until_the_graph_engine_is_available_and_says_so() {
        Snapshot graph = read(Fixtures.hotspot102(), SnapshotLoader.of(new HprofReader()).withMode(ReadMode.GRAPH));
        Snapshot summary = read(Fixtures.hotspot102(), SnapshotLoader.of(new HprofReader()).withMode(ReadMode.SUMMARY));
        assertEquals(summary.groups(), graph.groups());
        assertEquals("summary (graph mode is not available for hprof yet)",
                graph.source().metadata().get("hprof.read-mode"));
        assertEquals("summary", summary.source().metadata().get("hprof.read-mode"));
    }

    @Test
    void the_reader_is_found_by_the_service_loader_and_detects_hprof_content() {
        Snapshot s = Snapshots.read(new ByteArrayInputStream(Fixtures.hotspot101()), "plain.bin");
        assertEquals("hprof", s.source().formatId());
    }

    @Test
    void probe_gives_a_full_match_for_known_versions_and_nothing_for_other_content() {
        HprofReader r = new HprofReader();
        assertEquals(MatchStrength.FULL_MATCH, r.probe(ProbeInput.of("x", Fixtures.android103())));
        assertEquals(MatchStrength.SOLID_MATCH, r.probe(ProbeInput.of("x", bytes("JAVA PROFILE 1.0.9\0"))));
        assertEquals(MatchStrength.NO_MATCH, r.probe(ProbeInput.of("x", bytes("{\"snapshot\":{}}"))));
        assertEquals(MatchStrength.NO_MATCH, r.probe(ProbeInput.of("x", new byte[0])));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- malformed input: the read exception, at the right place, naming the record

    static MalformedSnapshotException malformed(byte[] bytes) {
        return assertThrows(MalformedSnapshotException.class, () -> read(bytes));
    }

    static void assertAt(MalformedSnapshotException e, long offset, String... words) {
        assertEquals(Location.offset(offset), e.location(), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void a_file_cut_at_any_byte_is_malformed_at_or_before_the_cut_naming_what_was_being_read() {
        // (Cut at 0 the input is empty, which the loader refuses before any reader sees it.)
        for (byte[] sample : samples().values()) {
            for (int cut = 1; cut < sample.length; cut++) {
                byte[] prefix = java.util.Arrays.copyOf(sample, cut);
                MalformedSnapshotException e = malformed(prefix);
                assertTrue(e.location().position() <= cut, e.getMessage());
                assertTrue(e.getMessage().contains("record") || e.getMessage().contains("header"), e.getMessage());
            }
        }
    }

    @Test
    void a_record_length_running_past_the_end_is_malformed_at_the_end_naming_the_record() {
        byte[] body = new HprofWriter.Out(8).u8(0x10).ascii("abc").toByteArray();
        HprofWriter w = new HprofWriter("1.0.2", 8);
        int at = w.size();
        byte[] bytes = w.record(Hprof.STRING, 1000, body).toBytes();
        assertAt(malformed(bytes), bytes.length, "STRING record at byte offset " + at, "truncated");
    }

    @Test
    void a_huge_declared_length_costs_no_memory_before_its_bytes_arrive() {
        long before = usedHeap();
        byte[] body = new HprofWriter.Out(8).u8(0x10).ascii("abc").toByteArray();
        HprofWriter w = new HprofWriter("1.0.2", 8);
        byte[] bytes = w.record(Hprof.STRING, 0x7FFF_0000L, body).toBytes();
        assertAt(malformed(bytes), bytes.length, "STRING record", "truncated");
        // More string bytes than one dump can hold are refused at the length field.
        HprofWriter big = new HprofWriter("1.0.2", 8);
        int at = big.size();
        byte[] huge = big.record(Hprof.STRING, 0xFFFF_FFF0L, body).toBytes();
        assertAt(malformed(huge), at + 5, "STRING records holding at most");
        // An object array of 2^31 - 1 elements and an instance of 4 GiB - 1 field bytes are skipped, not allocated.
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        long arrays = b.klass("[Ljava/lang/Object;", object);
        b.heap().raw(new HprofWriter.Out(8).u1(0x22).u8(0x500).u4(0).u4(Integer.MAX_VALUE).u8(arrays).toByteArray());
        MalformedSnapshotException e = malformed(b.segments());
        assertTrue(e.getMessage().contains("OBJ ARRAY DUMP"), e.getMessage());
        assertTrue(usedHeap() - before < 256 << 20, "reading allocated " + (usedHeap() - before) + " bytes");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void an_unknown_sub_record_tag_is_malformed_at_the_tag_naming_the_segment() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        int before = b.heap().size();
        b.heap().raw(new byte[] {0x42, 0, 0, 0});
        byte[] bytes = b.segments();
        int segmentStart = indexOfRecord(bytes, Hprof.HEAP_DUMP_SEGMENT);
        MalformedSnapshotException e = malformed(bytes);
        assertAt(e, segmentStart + 9 + before, "tag 0x42", "HEAP DUMP SEGMENT record at byte offset " + segmentStart);
    }

    /** The offset of the first top-level record with {@code tag} in a well-formed file. */
    static int indexOfRecord(byte[] bytes, int tag) {
        int p = 0;
        while (bytes[p] != 0) {
            p++;
        }
        p += 1 + 4 + 8;
        while ((bytes[p] & 0xff) != tag) {
            int len = ((bytes[p + 5] & 0xff) << 24) | ((bytes[p + 6] & 0xff) << 16) | ((bytes[p + 7] & 0xff) << 8)
                    | (bytes[p + 8] & 0xff);
            p += 9 + len;
        }
        return p;
    }

    @Test
    void an_instance_of_a_class_that_is_never_dumped_is_malformed_at_the_instance() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        int at = b.heap().size();
        b.instance(0xdead0, new byte[0]);
        byte[] bytes = b.segments();
        MalformedSnapshotException e = malformed(bytes);
        assertAt(e, indexOfRecord(bytes, Hprof.HEAP_DUMP_SEGMENT) + 9 + at, "CLASS DUMP for class 0xdead0");
    }

    @Test
    void an_object_array_of_an_unknown_class_is_malformed_at_the_array() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        int at = b.heap().size();
        b.heap().objectArray(b.address(), 0xbeef0, 0);
        byte[] bytes = b.segments();
        assertAt(malformed(bytes), indexOfRecord(bytes, Hprof.HEAP_DUMP_SEGMENT) + 9 + at,
                "CLASS DUMP for class 0xbeef0");
    }

    @Test
    void a_class_dump_with_an_unknown_super_class_is_malformed_at_the_class_dump() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        int at = b.heap().size();
        long c = b.klass("acme/Orphan", 0xabc0, "int x");
        b.instance(c, b.fields().i32(1).toBytes());
        byte[] bytes = b.segments();
        assertAt(malformed(bytes), indexOfRecord(bytes, Hprof.HEAP_DUMP_SEGMENT) + 9 + at,
                "super class 0xabc0", "no CLASS DUMP");
    }

    @Test
    void a_cycle_of_super_classes_is_malformed_and_does_not_hang() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long a = b.address();
        long c = b.address();
        b.load(a, "acme/A").load(c, "acme/C").dump(a, c, 0).dump(c, a, 0);
        MalformedSnapshotException e = malformed(b.segments());
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void a_class_without_load_class_or_name_string_is_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.dump(b.address(), 0, 0);
        assertTrue(malformed(b.segments()).getMessage().contains("LOAD CLASS"));
        DumpBuilder n = new DumpBuilder("1.0.2", 8);
        long id = n.address();
        n.out.loadClass(1, id, 0x999);
        n.dump(id, 0, 0);
        assertTrue(malformed(n.segments()).getMessage().contains("STRING record 0x999"));
    }

    @Test
    void an_instance_whose_field_bytes_disagree_with_its_class_layout_is_malformed_at_the_instance() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        long c = b.klass("acme/Two", object, "int x", "int y");
        int at = b.heap().size();
        b.instance(c, b.fields().i32(1).toBytes());
        byte[] bytes = b.segments();
        MalformedSnapshotException e = malformed(bytes);
        assertAt(e, indexOfRecord(bytes, Hprof.HEAP_DUMP_SEGMENT) + 9 + at + 1 + 8 + 4 + 8, "8 field bytes",
                "acme.Two", "INSTANCE DUMP sub-record");
        // The same found out later, when the instance comes before its class dump.
        DumpBuilder late = new DumpBuilder("1.0.2", 8);
        long o = late.address();
        long t = late.address();
        late.load(o, "java/lang/Object").load(t, "acme/Two");
        late.instance(t, late.fields().i32(1).toBytes());
        late.dump(o, 0, 0).dump(t, o, 0, "int x", "int y");
        assertTrue(malformed(late.segments()).getMessage().contains("8 field bytes"));
    }

    @Test
    void a_second_class_dump_for_one_class_is_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        b.dump(object, 0, 0);
        assertTrue(malformed(b.segments()).getMessage().contains("second CLASS DUMP"));
    }

    @Test
    void a_sub_record_running_past_its_segment_is_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        byte[] sub = new HprofWriter.Out(8).u1(0x05).u8(0x1234).toByteArray();
        b.out.record(Hprof.HEAP_DUMP_SEGMENT, 4, sub);
        MalformedSnapshotException e = malformed(b.segments());
        assertTrue(e.getMessage().contains("ROOT STICKY CLASS") && e.getMessage().contains("ending within its record"),
                e.getMessage());
    }

    @Test
    void bad_headers_are_malformed_at_the_header() {
        assertAt(malformed(bytes("JAVA PROFILE 1.0.9\0")), 13, "1.0.1, 1.0.2 or 1.0.3");
        assertAt(malformed(bytes("NOT A PROFILE\0")), 0, "JAVA PROFILE");
        assertAt(malformed(bytes("JAVA PROFILE 1.0.2")), 18, "NUL");
        byte[] sixes = new HprofWriter.Out(4).ascii("JAVA PROFILE 1.0.2").u1(0).u4(6).u8(0).toByteArray();
        assertAt(malformed(sixes), 19, "identifier size of 4 or 8", "found 6");
    }

    @Test
    void segments_without_heap_dump_end_and_files_without_a_heap_dump_are_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        byte[] noEnd = b.out.segment(b.heap()).toBytes();
        assertAt(malformed(noEnd), noEnd.length, "HEAP DUMP END");
        byte[] noDump = new HprofWriter("1.0.2", 8).string(1, "x").toBytes();
        assertAt(malformed(noDump), noDump.length, "HEAP DUMP (0x0C) or HEAP DUMP SEGMENT");
    }

    @Test
    void fixed_length_records_with_another_length_are_malformed() {
        HprofWriter w = new HprofWriter("1.0.2", 8);
        int at = w.size();
        byte[] bytes = w.record(Hprof.LOAD_CLASS, new byte[12]).toBytes();
        assertAt(malformed(bytes), at + 5, "LOAD CLASS record", "a length of 24 bytes", "found 12");
        HprofWriter t = new HprofWriter("1.0.2", 4);
        byte[] trace = t.record(Hprof.STACK_TRACE, new HprofWriter.Out(4).u4(1).u4(1).u4(3).u4(0).toByteArray()).toBytes();
        assertTrue(malformed(trace).getMessage().contains("for 3 frames"));
    }

    @Test
    void a_primitive_array_of_an_invalid_type_and_a_field_of_an_invalid_type_are_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        b.klass("java/lang/Object", 0);
        b.heap().primitiveArrayHeader(0x1000, 3, 0);
        assertTrue(malformed(b.segments()).getMessage().contains("primitive element type"));
        DumpBuilder f = new DumpBuilder("1.0.2", 8);
        f.heap().classDump(0x100, 0, 0, 0, new long[0][], new long[][] {{f.str("x"), 12}});
        assertTrue(malformed(f.segments()).getMessage().contains("basic type"));
    }

    @Test
    void a_second_heap_dump_in_the_file_is_skipped_and_counted() {
        byte[] one = Fixtures.hotspot102();
        DumpBuilder again = new DumpBuilder("1.0.2", 8);
        again.heap().rootStickyClass(0x1);
        byte[] tail = new HprofWriter.Out(8).toByteArray();
        HprofWriter w = new HprofWriter("1.0.2", 8);
        byte[] extra = w.segment(again.heap()).end().heapDump(again.heap()).toBytes();
        int header = new HprofWriter("1.0.2", 8).size();
        byte[] both = new byte[one.length + extra.length - header + tail.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(extra, header, both, one.length, extra.length - header);
        Snapshot s = read(both);
        assertEquals("3 (the first was read)", s.source().metadata().get("hprof.dumps"));
        assertEquals(read(one).groups(), s.groups());
    }
}
