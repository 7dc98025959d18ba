package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.testing.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a graph builder will receive from the parser: objects with their classes, named
 * reference fields decoded from the field bytes, array elements, static references, roots.
 */
class HeapVisitorTest {

    /** Records everything as text lines. */
    static final class Recorder implements HeapVisitor {
        final List<String> events = new ArrayList<>();
        private ClassTable classes;
        private StringTable strings;
        private int idSize;

        @Override
        public boolean wantsFieldBytes() {
            return true;
        }

        @Override
        public boolean wantsArrayElements() {
            return true;
        }

        @Override
        public void start(int idSize, ClassTable classes, StringTable strings) {
            this.idSize = idSize;
            this.classes = classes;
            this.strings = strings;
        }

        @Override
        public void root(RootKind kind, long objectId) {
            events.add("root " + kind + " " + Long.toHexString(objectId));
        }

        @Override
        public void classDump(ClassInfo c) {
            StringBuilder sb = new StringBuilder("class " + Long.toHexString(c.id) + " super "
                    + Long.toHexString(c.superId));
            for (int i = 0; i < c.staticTypes.length; i++) {
                if (c.staticTypes[i] == Hprof.OBJECT) {
                    sb.append(" static ").append(strings.get(c.staticNames[i]).orElseThrow()).append("=")
                            .append(Long.toHexString(c.staticValues[i]));
                }
            }
            events.add(sb.toString());
        }

        @Override
        public void instance(long objectId, int classIndex, long length, HprofInput in) {
            ClassInfo c = classes.get(classIndex);
            StringBuilder sb = new StringBuilder("instance " + Long.toHexString(objectId) + " " + classes.name(c));
            if (c.resolved) {
                long[] ids = new long[c.referenceOffsets.length];
                int n = classes.references(classIndex, in, in.pos, ids);
                for (int i = 0; i < n; i++) {
                    sb.append(" ").append(strings.get(c.referenceNames[i]).orElseThrow()).append("=")
                            .append(Long.toHexString(ids[i]));
                }
            }
            events.add(sb.toString());
        }

        @Override
        public void objectArray(long objectId, int classIndex, long length, HprofInput in) {
            StringBuilder sb = new StringBuilder("array " + Long.toHexString(objectId) + " "
                    + classes.name(classes.get(classIndex)));
            try {
                for (long i = 0; i < length; i++) {
                    sb.append(" ").append(Long.toHexString(in.id(idSize)));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            events.add(sb.toString());
        }

        @Override
        public void primitiveArray(long objectId, int type, long length, boolean withData) {
            events.add("primitive " + Long.toHexString(objectId) + " " + Hprof.primitiveName(type) + "[" + length + "]");
        }

        @Override
        public void heap(int heapId, String name) {
            events.add("heap " + name);
        }
    }

    @Test
    void the_parser_hands_over_named_references_array_elements_static_references_and_roots() throws IOException {
        DumpBuilder b = new DumpBuilder("1.0.2", 8);
        long object = b.klass("java/lang/Object", 0);
        long base = b.address();
        b.load(base, "acme/Base");
        b.heap().classDump(base, object, 0, 0, new long[][] {{b.str("ROOT"), Hprof.OBJECT, 0x5000}, {b.str("n"),
            Hprof.INT, 7}}, new long[][] {{b.str("owner"), Hprof.OBJECT}, {b.str("size"), Hprof.INT}});
        long leaf = b.klass("acme/Leaf", base, "long stamp", "Object next");
        long arrays = b.klass("[Lacme/Leaf;", object);
        b.heap().instance(0x5000, leaf, b.fields().i64(1).ref(0x5010).ref(0x6000).i32(3).toBytes());
        b.heap().instance(0x5010, leaf, b.fields().i64(2).ref(0).ref(0x5000).i32(4).toBytes());
        b.heap().objectArray(0x6000, arrays, 0x5000, 0, 0x5010);
        b.heap().rootStickyClass(base).rootJavaFrame(0x5000, 1, 0);
        Recorder r = new Recorder();
        new HprofParser(new HprofInput(new ByteArrayInputStream(b.segments())), new RecordingSink("test.hprof", "hprof"), r).parse();
        assertEquals(List.of(
                "class " + Long.toHexString(object) + " super 0",
                "class " + Long.toHexString(base) + " super " + Long.toHexString(object) + " static ROOT=5000",
                "class " + Long.toHexString(leaf) + " super " + Long.toHexString(base),
                "class " + Long.toHexString(arrays) + " super " + Long.toHexString(object),
                "instance 5000 acme.Leaf next=5010 owner=6000",
                "instance 5010 acme.Leaf next=0 owner=5000",
                "array 6000 acme.Leaf[] 5000 0 5010",
                "root STICKY_CLASS " + Long.toHexString(base),
                "root JAVA_FRAME 5000"), r.events);
    }
}
