package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.testing.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupKey;
import io.github.heapdiff.GroupStats;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.ObjectGroup;
import io.github.heapdiff.Snapshot;
import io.github.heapdiff.SnapshotLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Old HotSpot versions wrote a whole dump as one HEAP DUMP record whose u4 length wrapped past
 * 2<sup>32</sup> for dumps over 4 GiB. The first test feeds the reader a real 4.8 GB stream (its
 * big array body is a run of zeros that is never allocated); the others shrink the wrap to 256
 * bytes so that every boundary case fits in a few hundred bytes.
 */
class HeapDumpLengthWrapTest {

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static byte[] recordHeader(int tag, long length) {
        return new HprofWriter.Out(8).u1(tag).u4(0).u4((int) length).toByteArray();
    }

    @Test
    void a_heap_dump_record_over_4_gib_whose_length_wrapped_is_read_to_its_true_end() {
        DumpBuilder b = new DumpBuilder("1.0.1", 8);
        long object = b.klass("java/lang/Object", 0);
        b.heap().instance(b.address(), object, new byte[0]);
        long elements = 600_000_000L; // 4.8 GB of longs: the record passes 2^32 bytes, the array 2^31
        b.heap().primitiveArrayHeader(b.address(), Hprof.LONG, elements);
        byte[] before = b.heap().toBytes();
        HprofWriter.Heap after = new HprofWriter.Heap(8).instance(0x7000_0000L, object, new byte[0])
                .instance(0x7000_0010L, object, new byte[0]).rootStickyClass(object);
        byte[] afterBytes = after.toBytes();
        long trueLength = before.length + elements * 8 + afterBytes.length;
        assertTrue(trueLength > 1L << 32);
        byte[] head = concat(b.out.toBytes(), recordHeader(Hprof.HEAP_DUMP, trueLength), before);
        VirtualStream in = new VirtualStream(head, elements * 8, afterBytes);

        Snapshot s = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> SnapshotLoader.of(new HprofReader()).withFormat("hprof").read(in, "big.hprof"));

        assertEquals("1", s.source().metadata().get("hprof.length-wraps"));
        assertEquals(3, s.group(GroupKey.of("java.lang.Object")).orElseThrow().count());
        GroupStats longs = s.group(GroupKey.of("long[]")).map(ObjectGroup::stats).orElseThrow();
        assertEquals(1, longs.count());
        assertEquals(OptionalLong.of(elements * 8), longs.rawBytes());
        assertEquals(OptionalLong.of(16 + elements * 8), longs.shallowBytes());
        assertEquals("ROOT STICKY CLASS: 1", s.source().metadata().get("hprof.roots"));
    }

    // ---- the same rule with the wrap shrunk to 256 bytes

    private static final int WRAP = 256;

    /** 256 bytes of sub-records with 4-byte ids: three instances of {@code object} (17 bytes each) and 41 sticky-class roots (5 each). */
    private static byte[] wrapBytes(long object, boolean rootsFirst) {
        byte[] bytes = subRecords(object, rootsFirst, 41);
        assertEquals(WRAP, bytes.length);
        return bytes;
    }

    private static byte[] subRecords(long object, boolean rootsFirst, int roots) {
        HprofWriter.Heap h = new HprofWriter.Heap(4);
        if (!rootsFirst) {
            for (int i = 0; i < 3; i++) {
                h.instance(0x9000 + 16 * i, object, new byte[0]);
            }
        }
        for (int i = 0; i < roots; i++) {
            h.rootStickyClass(object);
        }
        if (rootsFirst) {
            for (int i = 0; i < 3; i++) {
                h.instance(0x9000 + 16 * i, object, new byte[0]);
            }
        }
        return h.toBytes();
    }

    /** A 1.0.1 dump whose HEAP DUMP record holds {@code body} but declares {@code declared} bytes, then {@code after}. */
    private static RecordingSink parse(byte[] body, long declared, byte[] after) throws IOException {
        DumpBuilder b = new DumpBuilder("1.0.1", 4);
        b.load(0x100, "java/lang/Object");
        byte[] file = concat(b.out.toBytes(), recordHeader(Hprof.HEAP_DUMP, declared), body, after);
        RecordingSink sink = new RecordingSink("test.hprof", "hprof");
        HistogramVisitor v = new HistogramVisitor(false);
        HprofParser p = new HprofParser(new HprofInput(new ByteArrayInputStream(file)), sink, v, WRAP);
        p.parse();
        v.groups(SizeModel.HOTSPOT_32).forEach(sink::group);
        sink.metadata().put("wraps", Integer.toString(p.wraps()));
        return sink;
    }

    private static byte[] objectClass() {
        return new HprofWriter.Heap(4).classDump(0x100, 0, 0, 0, new long[0][], new long[0][]).toBytes();
    }

    private static long objects(RecordingSink sink) {
        return sink.groups().stream().filter(g -> g.key().type().equals("java.lang.Object")).mapToLong(ObjectGroup::count)
                .sum();
    }

    @Test
    void sub_records_that_continue_at_the_declared_end_move_the_end_by_the_wrap() throws IOException {
        byte[] first = objectClass();
        byte[] body = concat(first, wrapBytes(0x100, false));
        RecordingSink sink = parse(body, first.length, new byte[0]);
        assertEquals(3, objects(sink));
        assertEquals("1", sink.metadata().get("wraps"));
    }

    @Test
    void an_ambiguous_tag_at_the_declared_end_that_does_not_chain_as_records_continues_the_dump() throws IOException {
        byte[] first = objectClass();
        // 0x05 starts ROOT STICKY CLASS and STACK TRACE alike; read as record headers the bytes do not chain.
        byte[] body = concat(first, wrapBytes(0x100, true));
        RecordingSink sink = parse(body, first.length, new byte[0]);
        assertEquals(3, objects(sink));
        assertEquals("1", sink.metadata().get("wraps"));
    }

    @Test
    void a_declared_end_inside_a_sub_record_moves_the_end_by_the_wrap() throws IOException {
        byte[] first = objectClass();
        // 261 bytes after the class dump: the declared end falls 5 bytes into the first instance.
        byte[] rest = subRecords(0x100, false, 42);
        assertEquals(WRAP + 5, rest.length);
        byte[] body = concat(first, rest);
        RecordingSink sink = parse(body, first.length + 5, new byte[0]);
        assertEquals(3, objects(sink));
    }

    @Test
    void a_declared_end_followed_by_the_end_of_input_or_by_records_is_the_end() throws IOException {
        byte[] body = concat(objectClass(), new HprofWriter.Heap(4).instance(0x9000, 0x100, new byte[0]).toBytes());
        assertEquals("0", parse(body, body.length, new byte[0]).metadata().get("wraps"));
        byte[] end = recordHeader(Hprof.HEAP_DUMP_END, 0);
        assertEquals("0", parse(body, body.length, end).metadata().get("wraps"));
        // 0x01 starts STRING and ROOT JNI GLOBAL alike: here the bytes chain as a STRING record to the end.
        byte[] string = new HprofWriter("1.0.1", 4).string(0x500, "tail").toBytes();
        byte[] stringRecord = java.util.Arrays.copyOfRange(string, new HprofWriter("1.0.1", 4).size(), string.length);
        RecordingSink sink = parse(body, body.length, stringRecord);
        assertEquals("0", sink.metadata().get("wraps"));
        assertEquals(1, objects(sink));
    }

    @Test
    void heap_dump_segments_never_wrap_a_sub_record_running_past_one_is_malformed() {
        DumpBuilder b = new DumpBuilder("1.0.2", 4);
        b.load(0x100, "java/lang/Object");
        byte[] body = concat(objectClass(), wrapBytes(0x100, false));
        byte[] file = concat(b.out.toBytes(), recordHeader(Hprof.HEAP_DUMP_SEGMENT, body.length - WRAP + 5), body);
        HprofParser p = new HprofParser(new HprofInput(new ByteArrayInputStream(file)), new RecordingSink("test.hprof", "hprof"),
                new HistogramVisitor(false), WRAP);
        MalformedSnapshotException e = assertThrows(MalformedSnapshotException.class, p::parse);
        assertTrue(e.getMessage().contains("HEAP DUMP SEGMENT"), e.getMessage());
    }
}
