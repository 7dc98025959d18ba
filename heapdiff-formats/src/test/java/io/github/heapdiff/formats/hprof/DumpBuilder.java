package io.github.heapdiff.formats.hprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small, consistent HPROF dumps for tests on top of {@link HprofWriter}: names become
 * STRING records once, classes get a LOAD CLASS and a CLASS DUMP, objects get increasing
 * addresses. The caller decides the heap layout: one HEAP DUMP record or segments.
 */
final class DumpBuilder {

    final int idSize;
    final HprofWriter out;
    private final Map<String, Long> strings = new HashMap<>();
    private final List<HprofWriter.Heap> parts = new ArrayList<>();
    private HprofWriter.Heap heap;
    private long nextString = 0x10;
    private int nextSerial = 1;
    /** The next object address; tests that care about spacing place objects themselves. */
    long nextAddress = 0x10_0000;

    DumpBuilder(String version, int idSize) {
        this.idSize = idSize;
        this.out = new HprofWriter(version, idSize);
        this.heap = new HprofWriter.Heap(idSize);
        parts.add(heap);
    }

    /** The id of STRING {@code s}, written on first use. */
    long str(String s) {
        Long id = strings.get(s);
        if (id == null) {
            id = nextString;
            nextString += 0x10;
            strings.put(s, id);
            out.string(id, s);
        }
        return id;
    }

    /** A fresh object address, 16 bytes after the last. */
    long address() {
        long a = nextAddress;
        nextAddress += 16;
        return a;
    }

    /** The sub-records being written. */
    HprofWriter.Heap heap() {
        return heap;
    }

    /** Starts a new heap part (for segments). */
    DumpBuilder nextPart() {
        heap = new HprofWriter.Heap(idSize);
        parts.add(heap);
        return this;
    }

    /** Writes a LOAD CLASS for class {@code id} named {@code name}. */
    DumpBuilder load(long id, String name) {
        out.loadClass(nextSerial++, id, str(name));
        return this;
    }

    /**
     * Declares class {@code name} (LOAD CLASS now, CLASS DUMP in the current heap part) with
     * instance fields given as {@code "type name"} pairs, types as Java names ({@code int},
     * {@code Object} for any reference).
     */
    long klass(String name, long superId, String... fields) {
        long id = address();
        load(id, name);
        dump(id, superId, 0, fields);
        return id;
    }

    /** Writes the CLASS DUMP of class {@code id} into the current heap part. */
    DumpBuilder dump(long id, long superId, long instanceSize, String... fields) {
        long[][] f = new long[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            String[] tn = fields[i].split(" ");
            f[i] = new long[] {str(tn[1]), type(tn[0])};
        }
        heap.classDump(id, superId, 0, instanceSize, new long[0][], f);
        return this;
    }

    /** The HPROF basic type of Java type name {@code t}. */
    static int type(String t) {
        return switch (t) {
            case "boolean" -> Hprof.BOOLEAN;
            case "char" -> Hprof.CHAR;
            case "float" -> Hprof.FLOAT;
            case "double" -> Hprof.DOUBLE;
            case "byte" -> Hprof.BYTE;
            case "short" -> Hprof.SHORT;
            case "int" -> Hprof.INT;
            case "long" -> Hprof.LONG;
            default -> Hprof.OBJECT;
        };
    }

    HprofWriter.Fields fields() {
        return new HprofWriter.Fields(idSize);
    }

    /** An instance of {@code classId} with {@code fieldBytes}, at a fresh address. */
    long instance(long classId, byte[] fieldBytes) {
        long id = address();
        heap.instance(id, classId, fieldBytes);
        return id;
    }

    /** The whole dump in one HEAP DUMP record (version 1.0.1 style); parts are concatenated. */
    byte[] singleRecord() {
        HprofWriter.Heap all = new HprofWriter.Heap(idSize);
        for (HprofWriter.Heap p : parts) {
            all.raw(p.toBytes());
        }
        return out.heapDump(all).toBytes();
    }

    /** The dump as one HEAP DUMP SEGMENT per part and a HEAP DUMP END (version 1.0.2 style). */
    byte[] segments() {
        for (HprofWriter.Heap p : parts) {
            out.segment(p);
        }
        return out.end().toBytes();
    }
}
