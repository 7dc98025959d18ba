package io.github.heapdiff.formats.hprof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes HPROF bytes for tests, record by record: exactly what the format says, plus the means to
 * lie (a declared length other than the body's) for corruption tests.
 */
final class HprofWriter {

    final int idSize;
    private final Out out;

    /** Starts a file with header {@code JAVA PROFILE <version>}, {@code idSize}-byte ids and time stamp {@code millis}. */
    HprofWriter(String version, int idSize, long millis) {
        this.idSize = idSize;
        this.out = new Out(idSize);
        out.ascii("JAVA PROFILE " + version).u1(0).u4(idSize).u8(millis);
    }

    HprofWriter(String version, int idSize) {
        this(version, idSize, 1_700_000_000_000L);
    }

    /** The bytes written so far. */
    byte[] toBytes() {
        return out.toByteArray();
    }

    /** The number of bytes written so far: the offset of the next record. */
    int size() {
        return out.size();
    }

    /** A record with {@code body} and its true length. */
    HprofWriter record(int tag, byte[] body) {
        return record(tag, body.length, body);
    }

    /** A record declaring {@code length} (possibly a lie) followed by {@code body}. */
    HprofWriter record(int tag, long length, byte[] body) {
        out.u1(tag).u4(0).u4((int) length).bytes(body);
        return this;
    }

    /** Raw bytes, outside any record. */
    HprofWriter raw(byte[] bytes) {
        out.bytes(bytes);
        return this;
    }

    HprofWriter string(long id, String text) {
        return record(Hprof.STRING, new Out(idSize).id(id).bytes(text.getBytes(StandardCharsets.UTF_8)).toByteArray());
    }

    HprofWriter loadClass(int serial, long classId, long nameId) {
        return record(Hprof.LOAD_CLASS, new Out(idSize).u4(serial).id(classId).u4(0).id(nameId).toByteArray());
    }

    HprofWriter unloadClass(int serial) {
        return record(Hprof.UNLOAD_CLASS, new Out(idSize).u4(serial).toByteArray());
    }

    HprofWriter stackFrame(long frameId, long methodName, long signature, long sourceFile, int classSerial, int line) {
        return record(Hprof.STACK_FRAME, new Out(idSize).id(frameId).id(methodName).id(signature).id(sourceFile)
                .u4(classSerial).u4(line).toByteArray());
    }

    HprofWriter stackTrace(int serial, int threadSerial, long... frames) {
        Out b = new Out(idSize).u4(serial).u4(threadSerial).u4(frames.length);
        for (long f : frames) {
            b.id(f);
        }
        return record(Hprof.STACK_TRACE, b.toByteArray());
    }

    /** A whole dump in one HEAP DUMP (0x0C) record. */
    HprofWriter heapDump(Heap heap) {
        return record(Hprof.HEAP_DUMP, heap.toBytes());
    }

    HprofWriter segment(Heap heap) {
        return record(Hprof.HEAP_DUMP_SEGMENT, heap.toBytes());
    }

    HprofWriter end() {
        return record(Hprof.HEAP_DUMP_END, new byte[0]);
    }

    /** Heap dump sub-records. */
    static final class Heap {
        final int idSize;
        private final Out out;

        Heap(int idSize) {
            this.idSize = idSize;
            this.out = new Out(idSize);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }

        Heap raw(byte[] bytes) {
            out.bytes(bytes);
            return this;
        }

        Heap rootUnknown(long id) {
            out.u1(0xFF).id(id);
            return this;
        }

        Heap rootJniGlobal(long id, long globalRef) {
            out.u1(0x01).id(id).id(globalRef);
            return this;
        }

        Heap rootJniLocal(long id, int thread, int frame) {
            out.u1(0x02).id(id).u4(thread).u4(frame);
            return this;
        }

        Heap rootJavaFrame(long id, int thread, int frame) {
            out.u1(0x03).id(id).u4(thread).u4(frame);
            return this;
        }

        Heap rootNativeStack(long id, int thread) {
            out.u1(0x04).id(id).u4(thread);
            return this;
        }

        Heap rootStickyClass(long id) {
            out.u1(0x05).id(id);
            return this;
        }

        Heap rootThreadBlock(long id, int thread) {
            out.u1(0x06).id(id).u4(thread);
            return this;
        }

        Heap rootMonitorUsed(long id) {
            out.u1(0x07).id(id);
            return this;
        }

        Heap rootThreadObject(long id, int thread, int trace) {
            out.u1(0x08).id(id).u4(thread).u4(trace);
            return this;
        }

        /** Android's roots that carry only an id: 0x89 to 0x8D and 0x90. */
        Heap androidRoot(int tag, long id) {
            out.u1(tag).id(id);
            return this;
        }

        /** Android's ROOT JNI MONITOR (0x8E): id, thread serial number, stack depth. */
        Heap rootJniMonitor(long id, int thread, int depth) {
            out.u1(0x8E).id(id).u4(thread).u4(depth);
            return this;
        }

        Heap heapInfo(int heapId, long nameId) {
            out.u1(0xFE).u4(heapId).id(nameId);
            return this;
        }

        /**
         * A CLASS DUMP. {@code statics} are (name id, type, value) triples; {@code fields} are
         * (name id, type) pairs in dump order.
         */
        Heap classDump(long id, long superId, long loaderId, long instanceSize, long[][] statics, long[][] fields) {
            out.u1(0x20).id(id).u4(0).id(superId).id(loaderId).id(0).id(0).id(0).id(0).u4((int) instanceSize);
            out.u2(0); // constant pool
            out.u2(statics.length);
            for (long[] s : statics) {
                out.id(s[0]).u1((int) s[1]).value((int) s[1], s[2]);
            }
            out.u2(fields.length);
            for (long[] f : fields) {
                out.id(f[0]).u1((int) f[1]);
            }
            return this;
        }

        /** A CLASS DUMP with a constant pool of (index, type, value) triples and nothing else. */
        Heap classDumpWithConstants(long id, long superId, long[][] constants) {
            out.u1(0x20).id(id).u4(0).id(superId).id(0).id(0).id(0).id(0).id(0).u4(0);
            out.u2(constants.length);
            for (long[] c : constants) {
                out.u2((int) c[0]).u1((int) c[1]).value((int) c[1], c[2]);
            }
            out.u2(0).u2(0);
            return this;
        }

        Heap instance(long id, long classId, byte[] fieldBytes) {
            return instance(id, classId, fieldBytes.length, fieldBytes);
        }

        /** An INSTANCE DUMP declaring {@code length} field bytes (possibly a lie). */
        Heap instance(long id, long classId, long length, byte[] fieldBytes) {
            out.u1(0x21).id(id).u4(0).id(classId).u4((int) length).bytes(fieldBytes);
            return this;
        }

        Heap objectArray(long id, long arrayClassId, long... elements) {
            out.u1(0x22).id(id).u4(0).u4(elements.length).id(arrayClassId);
            for (long e : elements) {
                out.id(e);
            }
            return this;
        }

        /** A PRIM ARRAY DUMP of {@code length} zero elements of basic {@code type}. */
        Heap primitiveArray(long id, int type, int length) {
            out.u1(0x23).id(id).u4(0).u4(length).u1(type).bytes(new byte[length * Hprof.primitiveSize(type)]);
            return this;
        }

        /** Only the header of a PRIM ARRAY DUMP; the caller supplies (or withholds) the elements. */
        Heap primitiveArrayHeader(long id, int type, long length) {
            out.u1(0x23).id(id).u4(0).u4((int) length).u1(type);
            return this;
        }

        Heap primitiveArrayNoData(long id, int type, int length) {
            out.u1(0xC3).id(id).u4(0).u4(length).u1(type);
            return this;
        }
    }

    /** Field values of an INSTANCE DUMP, in dump order. */
    static final class Fields {
        private final Out out;

        Fields(int idSize) {
            out = new Out(idSize);
        }

        Fields ref(long id) {
            out.id(id);
            return this;
        }

        Fields i8(int v) {
            out.u1(v);
            return this;
        }

        Fields i16(int v) {
            out.u2(v);
            return this;
        }

        Fields i32(int v) {
            out.u4(v);
            return this;
        }

        Fields i64(long v) {
            out.u8(v);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    /** Big-endian output. */
    static final class Out extends ByteArrayOutputStream {
        private final int idSize;

        Out(int idSize) {
            this.idSize = idSize;
        }

        Out u1(int v) {
            write(v);
            return this;
        }

        Out u2(int v) {
            write(v >>> 8);
            write(v);
            return this;
        }

        Out u4(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
            return this;
        }

        Out u8(long v) {
            u4((int) (v >>> 32));
            return u4((int) v);
        }

        Out id(long v) {
            return idSize == 8 ? u8(v) : u4((int) v);
        }

        Out value(int type, long v) {
            return switch (type == Hprof.OBJECT ? idSize : Hprof.primitiveSize(type)) {
                case 1 -> u1((int) v);
                case 2 -> u2((int) v);
                case 4 -> u4((int) v);
                default -> u8(v);
            };
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out ascii(String s) {
            return bytes(s.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
