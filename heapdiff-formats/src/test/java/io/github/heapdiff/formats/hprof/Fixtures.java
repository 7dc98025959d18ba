package io.github.heapdiff.formats.hprof;

import static io.github.heapdiff.formats.hprof.Hprof.BOOLEAN;
import static io.github.heapdiff.formats.hprof.Hprof.BYTE;
import static io.github.heapdiff.formats.hprof.Hprof.CHAR;
import static io.github.heapdiff.formats.hprof.Hprof.DOUBLE;
import static io.github.heapdiff.formats.hprof.Hprof.FLOAT;
import static io.github.heapdiff.formats.hprof.Hprof.INT;
import static io.github.heapdiff.formats.hprof.Hprof.LONG;
import static io.github.heapdiff.formats.hprof.Hprof.SHORT;

/**
 * The small dumps the reader tests read, built in code. Each comment says what the dump holds;
 * the tests state the figures expected from it.
 */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * "JAVA PROFILE 1.0.1" with 4-byte ids and the whole heap in one HEAP DUMP record, as HotSpot
     * wrote dumps before segments: every HotSpot root kind, three {@code acme.Seg} instances
     * ({@code long t; int port; boolean open; Object name}), one {@code java.lang.Object}, an
     * {@code Object[3]} and one primitive array of each type.
     */
    static byte[] hotspot101() {
        DumpBuilder b = new DumpBuilder("1.0.1", 4);
        long object = b.klass("java/lang/Object", 0);
        long seg = b.klass("acme/Seg", object, "long t", "int port", "boolean open", "Object name");
        long objects = b.klass("[Ljava/lang/Object;", object);
        b.klass("[I", object);
        b.heap().rootStickyClass(object).rootUnknown(object).rootMonitorUsed(object);
        long plain = b.address();
        b.heap().instance(plain, object, new byte[0]);
        long s1 = b.instance(seg, b.fields().i64(7).i32(8080).i8(1).ref(plain).toBytes());
        long s2 = b.instance(seg, b.fields().i64(8).i32(443).i8(0).ref(s1).toBytes());
        b.instance(seg, b.fields().i64(9).i32(80).i8(0).ref(0).toBytes());
        long array = b.address();
        b.heap().objectArray(array, objects, s1, s2, 0);
        b.heap().rootJniGlobal(s1, 0x77).rootJniLocal(s2, 1, 0).rootJavaFrame(array, 1, 2).rootNativeStack(plain, 1)
                .rootThreadBlock(plain, 1).rootThreadObject(plain, 1, 0);
        int[] types = {BOOLEAN, CHAR, FLOAT, DOUBLE, BYTE, SHORT, INT, LONG};
        int[] lengths = {1, 2, 3, 4, 3, 6, 5, 2};
        for (int i = 0; i < types.length; i++) {
            b.heap().primitiveArray(b.address(), types[i], lengths[i]);
        }
        return b.singleRecord();
    }

    /**
     * "JAVA PROFILE 1.0.2" with 8-byte ids, two HEAP DUMP SEGMENTs and a HEAP DUMP END, plus what
     * HotSpot writes around them (STACK FRAME, STACK TRACE) and what a reader must tolerate: a
     * second LOAD CLASS for one class, an UNLOAD CLASS, a HEAP SUMMARY and a record of an unknown
     * tag. Classes: {@code acme.Base {int a}}, {@code acme.Leaf extends Base {long b; Object c; byte
     * d}}, a hidden class, {@code acme.Leaf[]} and {@code int[][]}. Objects are placed as 64-bit
     * HotSpot with compressed oops would place them (each right after the previous), so the size
     * model is detected.
     */
    static byte[] hotspot102() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long frameName = b.str("run");
        long frameSig = b.str("()V");
        long file = b.str("Leaf.java");
        b.out.stackFrame(0x900, frameName, frameSig, file, 2, 42).stackTrace(1, 1, 0x900).stackTrace(2, 1);
        long object = b.klass("java/lang/Object", 0);
        long base = b.klass("acme/Base", object, "int a");
        long leaf = b.klass("acme/Leaf", base, "long b", "Object c", "byte d");
        b.load(leaf, "acme/Leaf"); // HotSpot may write LOAD CLASS twice for one class
        long lambda = b.klass("acme/Leaf$$Lambda$14+0x0000000800c01000", object);
        long leaves = b.klass("[Lacme/Leaf;", object);
        long intArrays = b.klass("[[I", object);
        b.out.unloadClass(99).record(0x07, new byte[24]).record(0x42, new byte[] {1, 2, 3});
        b.heap().rootStickyClass(object).rootStickyClass(base);
        // Addresses as 64-bit HotSpot with compressed oops lays objects out: Base 16, Leaf 32,
        // the lambda 16, Leaf[2] 24, int[][1] 24 (headers 12/16, references 4, alignment 8).
        long a = 0x7_0000_0000L;
        long l1 = a;
        b.heap().instance(l1, leaf, b.fields().i64(1).ref(0).i8(1).i32(10).toBytes());
        long l2 = a += 32;
        b.heap().instance(l2, leaf, b.fields().i64(2).ref(l1).i8(2).i32(20).toBytes());
        long b1 = a += 32;
        b.heap().instance(b1, base, b.fields().i32(30).toBytes());
        b.nextPart();
        long f = a += 16;
        b.heap().instance(f, lambda, new byte[0]);
        long arr = a += 16;
        b.heap().objectArray(arr, leaves, l1, l2);
        long ints = a += 24;
        b.heap().primitiveArray(ints, INT, 3);
        long nested = a += 32;
        b.heap().objectArray(nested, intArrays, ints);
        b.heap().rootJavaFrame(l2, 1, 0).rootThreadObject(nested, 1, 1);
        return b.segments();
    }

    /**
     * Android's "JAVA PROFILE 1.0.3" (4-byte ids, segments, readable class names): HEAP DUMP INFO
     * markers for the zygote, image and app heaps, every Android root kind (ROOT JNI MONITOR with
     * its thread and stack depth), a PRIM ARRAY NODATA DUMP, and class dumps whose instance sizes
     * are ART's object sizes ({@code java.lang.Object} 8, {@code acme.Node} 16).
     */
    static byte[] android103() {
        DumpBuilder b = new DumpBuilder("1.0.3", 4);
        long zygote = b.str("zygote");
        long image = b.str("image");
        long app = b.str("app");
        long object = b.address();
        b.load(object, "java.lang.Object").dump(object, 0, 8);
        long node = b.address();
        b.load(node, "acme.Node").dump(node, object, 16, "Object next", "int value");
        long nodes = b.address();
        b.load(nodes, "acme.Node[]").dump(nodes, object, 0);
        long ints = b.address();
        b.load(ints, "int[]").dump(ints, object, 0);
        b.heap().heapInfo('Z', zygote);
        long z1 = b.instance(object, new byte[0]);
        b.heap().heapInfo('I', image);
        long i1 = b.address();
        b.heap().primitiveArrayNoData(i1, CHAR, 4);
        b.heap().heapInfo('A', app);
        long n1 = b.instance(node, b.fields().ref(0).i32(1).toBytes());
        long n2 = b.instance(node, b.fields().ref(n1).i32(2).toBytes());
        b.nextPart();
        long arr = b.address();
        b.heap().objectArray(arr, nodes, n1, n2, 0);
        b.heap().primitiveArray(b.address(), INT, 5);
        b.heap().primitiveArray(b.address(), LONG, 2);
        b.heap().androidRoot(0x89, z1).androidRoot(0x8A, n1).androidRoot(0x8B, n2).androidRoot(0x8C, arr)
                .androidRoot(0x8D, i1).rootJniMonitor(n2, 3, 7).androidRoot(0x90, n1).rootStickyClass(object)
                .rootThreadObject(n1, 3, 0);
        return b.segments();
    }

    /**
     * 1.0.2 with 8-byte ids where objects come before their classes: two {@code acme.Late}
     * instances, then the CLASS DUMP of {@code acme.Late extends acme.Mid}, then that of
     * {@code acme.Mid extends java.lang.Object}, then {@code java.lang.Object}'s. {@code Mid} has
     * {@code int m}, {@code Late} has {@code long l} and {@code Object o}.
     */
    static byte[] instancesBeforeClasses() {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.address();
        long mid = b.address();
        long late = b.address();
        b.load(object, "java/lang/Object").load(mid, "acme/Mid").load(late, "acme/Late");
        b.instance(late, b.fields().i64(1).ref(0).i32(5).toBytes());
        b.instance(late, b.fields().i64(2).ref(0).i32(6).toBytes());
        b.dump(late, mid, 12, "long l", "Object o");
        b.nextPart();
        b.dump(mid, object, 4, "int m");
        b.dump(object, 0, 0);
        b.instance(mid, b.fields().i32(7).toBytes());
        return b.segments();
    }
}
