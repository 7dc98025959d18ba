package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.Location;
import io.github.heapdiff.MalformedSnapshotException;
import io.github.heapdiff.spi.SnapshotSink;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes an HPROF stream record by record in one pass: the header, STRING and LOAD CLASS
 * records into its string and class tables, the heap dump's sub-records into a
 * {@link HeapVisitor}; checks every length against the layout it implies and reports malformed
 * input with the byte offset and the record being read.
 *
 * <p>Layout notes: a HEAP DUMP (0x0C) record is a whole dump in one record; old HotSpot versions
 * wrote its u4 length modulo 2<sup>32</sup> when the dump was larger, so the declared end of a
 * 0x0C record is trusted only when the input ends there or a top-level record follows; when the
 * sub-records run on past it, the end is moved on by 2<sup>32</sup> bytes (see
 * {@link #continuesPastDeclaredEnd()}). HEAP DUMP SEGMENT (0x1C) records never wrap and end with
 * HEAP DUMP END (0x2C). A file holding more than one dump is read up to the end of the first.
 * Not thread-safe; one parser per read.
 */
final class HprofParser {

    private static final Logger LOG = LoggerFactory.getLogger(HprofParser.class);

    /** What a wrapped u4 length of a HEAP DUMP record is missing: a multiple of 2^32 bytes. */
    static final long LENGTH_WRAP = 1L << 32;

    private static final int MAX_HEADER = 64;
    private static final String MAGIC = "JAVA PROFILE ";

    private final HprofInput in;
    private final SnapshotSink sink;
    private final HeapVisitor visitor;
    private final boolean wantsFieldBytes;
    private final boolean wantsArrayElements;
    /** The wrap of HEAP DUMP lengths; only tests change it, to exercise the wrap on small inputs. */
    private final long lengthWrap;

    private String version = "";
    private int idSize;
    private StringTable strings;
    private ClassTable classes;

    // What is being read, for messages.
    private int recordTag = -1;
    private long recordStart = -1;
    private int subTag = -1;
    private long subStart = -1;

    private enum DumpState { NONE, IN_SEGMENTS, COMPLETE }

    private DumpState dumpState = DumpState.NONE;
    private boolean skippingExtraSegments;
    private int records;
    private int segments;
    private int extraDumps;
    private int wraps;

    HprofParser(HprofInput in, SnapshotSink sink, HeapVisitor visitor) {
        this(in, sink, visitor, LENGTH_WRAP);
    }

    HprofParser(HprofInput in, SnapshotSink sink, HeapVisitor visitor, long lengthWrap) {
        this.in = in;
        this.sink = sink;
        this.visitor = visitor;
        this.wantsFieldBytes = visitor.wantsFieldBytes();
        this.wantsArrayElements = visitor.wantsArrayElements();
        this.lengthWrap = lengthWrap;
    }

    /** The header's version, such as {@code 1.0.2}. */
    String version() {
        return version;
    }

    /** The identifier size, 4 or 8. */
    int idSize() {
        return idSize;
    }

    StringTable strings() {
        return strings;
    }

    ClassTable classes() {
        return classes;
    }

    /** The number of top-level records read. */
    int records() {
        return records;
    }

    /** The number of HEAP DUMP SEGMENT records of the dump read. */
    int segments() {
        return segments;
    }

    /** The number of heap dumps in the file after the first (skipped). */
    int extraDumps() {
        return extraDumps;
    }

    /** How many times a HEAP DUMP length was found to have wrapped past 2^32. */
    int wraps() {
        return wraps;
    }

    /**
     * Reads the whole input: header, records, then checks that every class used is complete.
     *
     * @throws MalformedSnapshotException for malformed or truncated input
     */
    void parse() throws IOException {
        try {
            header();
            readRecords();
            classes.check();
        } catch (EOFException e) {
            throw sink.malformed(Location.offset(in.missingAt()), "more bytes of " + context(),
                    "the end of the input (the file is truncated)", e);
        } catch (HprofProblem p) {
            throw sink.malformed(Location.offset(p.offset()), p.expected(), p.found(), p);
        }
    }

    private void header() throws IOException {
        int n = 0;
        while (true) {
            if (!in.fill(n + 1)) {
                throw sink.malformed(Location.offset(n), "an HPROF header 'JAVA PROFILE 1.0.x' ended by a NUL byte",
                        n == 0 ? "an empty input" : "the end of the input after '" + ascii(0, n) + "'");
            }
            if (in.buf[in.pos + n] == 0) {
                break;
            }
            if (++n > MAX_HEADER) {
                throw sink.malformed(Location.offset(0), "an HPROF header 'JAVA PROFILE 1.0.x' ended by a NUL byte",
                        "'" + ascii(0, Math.min(n, 32)) + "...'");
            }
        }
        String magic = ascii(0, n);
        if (!magic.startsWith(MAGIC)) {
            throw sink.malformed(Location.offset(0), "an HPROF header 'JAVA PROFILE 1.0.x'", "'" + magic + "'");
        }
        version = magic.substring(MAGIC.length());
        if (!version.equals("1.0.1") && !version.equals("1.0.2") && !version.equals("1.0.3")) {
            throw sink.malformed(Location.offset(MAGIC.length()), "HPROF version 1.0.1, 1.0.2 or 1.0.3",
                    "version '" + version + "'");
        }
        in.pos += n + 1;
        long at = in.offset();
        idSize = in.s4();
        if (idSize != 4 && idSize != 8) {
            throw sink.malformed(Location.offset(at), "an identifier size of 4 or 8 bytes in the file header",
                    Integer.toString(idSize));
        }
        long millis = in.u8();
        if (millis > 0 && millis < 32503680000000L) {
            sink.captureTime(Instant.ofEpochMilli(millis));
        }
        strings = new StringTable();
        classes = new ClassTable(idSize, strings);
        visitor.start(idSize, classes, strings);
    }

    private String ascii(int from, int n) {
        return new String(in.buf, in.pos + from, n, StandardCharsets.ISO_8859_1);
    }

    private void readRecords() throws IOException {
        while (!in.atEnd()) {
            subTag = -1;
            recordTag = -1;
            recordStart = in.offset();
            int tag = in.u1();
            recordTag = tag;
            in.need(8);
            in.pos += 4; // microseconds since the header's time stamp
            long len = in.u4();
            records++;
            switch (tag) {
                case Hprof.STRING -> string(len);
                case Hprof.LOAD_CLASS -> loadClass(len);
                case Hprof.UNLOAD_CLASS -> fixed(len, 4);
                case Hprof.STACK_FRAME -> fixed(len, 4L * idSize + 8);
                case Hprof.STACK_TRACE -> stackTrace(len);
                case Hprof.HEAP_SUMMARY -> fixed(len, 24);
                case Hprof.ALLOC_SITES, Hprof.START_THREAD, Hprof.END_THREAD, Hprof.CPU_SAMPLES,
                        Hprof.CONTROL_SETTINGS -> in.skip(len);
                case Hprof.HEAP_DUMP -> heapDumpRecord(len);
                case Hprof.HEAP_DUMP_SEGMENT -> segment(len);
                case Hprof.HEAP_DUMP_END -> heapDumpEnd(len);
                default -> {
                    LOG.debug("{}: skipping unknown record tag 0x{} of {} bytes at byte offset {}", sink.sourceName(),
                            Integer.toHexString(tag), len, recordStart);
                    in.skip(len);
                }
            }
        }
        recordTag = -1;
        subTag = -1;
        if (dumpState == DumpState.NONE) {
            throw sink.malformed(Location.offset(in.offset()), "a HEAP DUMP (0x0C) or HEAP DUMP SEGMENT (0x1C) record",
                    "the end of the input after " + records + " records without a heap dump");
        }
        if (dumpState == DumpState.IN_SEGMENTS) {
            throw sink.malformed(Location.offset(in.offset()),
                    "a HEAP DUMP END (0x2C) record after " + segments + " HEAP DUMP SEGMENT records",
                    "the end of the input (the file is truncated)");
        }
    }

    private MalformedSnapshotException error(long offset, String expected, String found) {
        return sink.malformed(Location.offset(offset), expected + " in " + context(), found);
    }

    /** The record (and sub-record) being read, for messages. */
    private String context() {
        StringBuilder sb = new StringBuilder();
        if (subTag >= 0) {
            sb.append("the ").append(Hprof.subRecordName(subTag)).append(" sub-record at byte offset ").append(subStart)
                    .append(" of ");
        }
        if (recordTag >= 0) {
            sb.append("the ").append(Hprof.recordName(recordTag)).append(" record at byte offset ").append(recordStart);
        } else {
            sb.append("the file header");
        }
        return sb.toString();
    }

    private void fixed(long len, long expected) throws IOException {
        if (len != expected) {
            throw error(recordStart + 5, "a length of " + expected + " bytes", Long.toString(len));
        }
        in.skip(len);
    }

    private void string(long len) throws IOException {
        if (len < idSize) {
            throw error(recordStart + 5, "a length of at least the identifier size (" + idSize + ")", Long.toString(len));
        }
        long id = in.id(idSize);
        long n = len - idSize;
        if (n > StringTable.MAX_BYTES || !strings.read(id, in, (int) n)) {
            throw error(recordStart + 5, "STRING records holding at most " + StringTable.MAX_BYTES + " bytes in all",
                    "a string of " + n + " bytes after " + strings.bytes() + " bytes of strings");
        }
    }

    private void loadClass(long len) throws IOException {
        if (len != 8L + 2L * idSize) {
            throw error(recordStart + 5, "a length of " + (8 + 2 * idSize) + " bytes", Long.toString(len));
        }
        in.need(8 + 2 * idSize);
        in.pos += 4; // class serial number
        long classId = in.id(idSize);
        in.pos += 4; // stack trace serial number
        long nameId = in.id(idSize);
        if (classId == 0) {
            throw error(recordStart + 13, "a class object id other than 0", "0");
        }
        classes.load(classId, nameId, recordStart);
    }

    private void stackTrace(long len) throws IOException {
        if (len < 12) {
            throw error(recordStart + 5, "a length of at least 12 bytes", Long.toString(len));
        }
        in.need(12);
        in.pos += 8; // serial number, thread serial number
        long frames = in.u4();
        if (len != 12 + frames * idSize) {
            throw error(recordStart + 5, "a length of " + (12 + frames * idSize) + " bytes for " + frames + " frames",
                    Long.toString(len));
        }
        in.skip(frames * idSize);
    }

    private void heapDumpRecord(long len) throws IOException {
        if (dumpState == DumpState.COMPLETE) {
            skipExtraDump(len);
            return;
        }
        if (dumpState == DumpState.IN_SEGMENTS) {
            throw error(recordStart, "a HEAP DUMP END (0x2C) record closing the " + segments + " heap dump segments before",
                    "a HEAP DUMP (0x0C) record");
        }
        heapDump(len, true);
        dumpState = DumpState.COMPLETE;
    }

    private void segment(long len) throws IOException {
        if (dumpState == DumpState.COMPLETE) {
            skipExtraDump(len);
            return;
        }
        dumpState = DumpState.IN_SEGMENTS;
        segments++;
        heapDump(len, false);
    }

    private void heapDumpEnd(long len) throws IOException {
        in.skip(len);
        if (dumpState == DumpState.IN_SEGMENTS) {
            dumpState = DumpState.COMPLETE;
        }
        skippingExtraSegments = false;
    }

    /** Skips a heap dump record after the first dump is complete; counts the dumps skipped. */
    private void skipExtraDump(long len) throws IOException {
        boolean newDump = recordTag == Hprof.HEAP_DUMP || !skippingExtraSegments;
        if (newDump) {
            extraDumps++;
            LOG.debug("{}: the file holds another heap dump at byte offset {}; reading the first only",
                    sink.sourceName(), recordStart);
        }
        skippingExtraSegments = recordTag == Hprof.HEAP_DUMP_SEGMENT;
        in.skip(len);
    }

    /** Reads the sub-records of a HEAP DUMP ({@code mayWrap}) or HEAP DUMP SEGMENT record of declared length {@code len}. */
    private void heapDump(long len, boolean mayWrap) throws IOException {
        long end = in.offset() + len;
        while (true) {
            long off = in.offset();
            if (off < end) {
                if (!objects(end)) {
                    subRecord();
                }
                continue;
            }
            if (off == end) {
                if (mayWrap && continuesPastDeclaredEnd()) {
                    end += lengthWrap;
                    wrapped(len, end);
                    continue;
                }
                break;
            }
            if (!mayWrap) {
                throw error(subStart, "a sub-record ending within its record, which ends at byte offset " + end,
                        "a sub-record ending at byte offset " + off);
            }
            while (end < off) {
                end += lengthWrap;
            }
            wrapped(len, end);
        }
        subTag = -1;
    }

    private void wrapped(long declared, long end) {
        wraps++;
        LOG.debug("{}: the HEAP DUMP record at byte offset {} declares {} bytes but its sub-records run on; "
                + "taking its length to have wrapped past 2^32, now ending at byte offset {}", sink.sourceName(),
                recordStart, declared, end);
    }

    /**
     * At the declared end of a HEAP DUMP record that is not the end of the input: returns true when
     * what follows reads as more heap sub-records rather than top-level records. A tag that only a
     * sub-record can have settles it one way, a tag only a top-level record can have the other; for
     * the tags both share (0x01 to 0x07) the following bytes are read as a chain of top-level record
     * headers, with the lengths their tags fix, as far as the buffer reaches: if they chain up, the
     * record ends here.
     */
    private boolean continuesPastDeclaredEnd() throws IOException {
        if (in.atEnd()) {
            return false;
        }
        int t = in.buf[in.pos] & 0xff;
        boolean top = Hprof.isKnownRecord(t);
        boolean sub = Hprof.isSubRecord(t);
        if (top == sub) {
            return top && !topLevelChainPlausible();
        }
        return sub;
    }

    private boolean topLevelChainPlausible() throws IOException {
        in.fill(Math.min(in.buf.length, 1 << 20));
        long p = in.pos;
        while (p < in.lim) {
            if (p + 9 > in.lim) {
                return !in.ended();
            }
            int tag = in.buf[(int) p] & 0xff;
            long len = in.intAt((int) p + 5) & 0xffffffffL;
            if (!Hprof.isKnownRecord(tag) || !plausibleLength(tag, len)) {
                return false;
            }
            p += 9 + len;
        }
        return p == in.lim || !in.ended();
    }

    private boolean plausibleLength(int tag, long len) {
        return switch (tag) {
            case Hprof.STRING -> len >= idSize;
            case Hprof.LOAD_CLASS -> len == 8L + 2L * idSize;
            case Hprof.UNLOAD_CLASS -> len == 4;
            case Hprof.STACK_FRAME -> len == 4L * idSize + 8;
            case Hprof.STACK_TRACE -> len >= 12 && (len - 12) % idSize == 0;
            case Hprof.HEAP_SUMMARY -> len == 24;
            case Hprof.HEAP_DUMP_END -> len == 0;
            default -> true;
        };
    }

    /**
     * The hot loop's class caches, direct-mapped by class id, for instances and for object arrays
     * (each entry marks its class used as such): a big dump's consecutive objects are mostly of
     * different classes (a run of one class is the exception), but a few dozen classes hold most
     * objects, and a table of a few kilobytes stays in the CPU's first-level cache while the dump
     * streams past it, where the class table's bigger one would not.
     */
    private static final int CLASS_CACHE_BITS = 8;
    private static final long CLASS_HASH = 0x9E3779B97F4A7C15L;
    private final long[] instanceClassKeys = new long[1 << CLASS_CACHE_BITS];
    private final int[] instanceClassIndexes = filledIndexes();
    private final long[] arrayClassKeys = new long[1 << CLASS_CACHE_BITS];
    private final int[] arrayClassIndexes = filledIndexes();

    /** A miss of a class cache: the class table's index of {@code classId}, marked used as {@code use} and cached in {@code slot}. */
    private int cacheClass(long classId, long[] keys, int[] indexes, int slot, int use) {
        int ci = classes.intern(classId);
        classes.use(ci, use);
        keys[slot] = classId;
        indexes[slot] = ci;
        return ci;
    }

    private static int[] filledIndexes() {
        int[] a = new int[1 << CLASS_CACHE_BITS];
        java.util.Arrays.fill(a, -1);
        return a;
    }

    /**
     * The hot loop: reads INSTANCE, OBJ ARRAY and PRIM ARRAY sub-records straight from the buffer
     * while their headers are buffered and within the record, stopping at anything else, at the
     * buffer's edge or at a body that runs past the buffer (left to the general path).
     *
     * @return true when it read at least one sub-record
     */
    private boolean objects(long end) throws IOException {
        final HprofInput in = this.in;
        final int ids = idSize;
        final int objectHeader = 2 * ids + 9;
        final byte[] buf = in.buf;
        final long base = in.base();
        final int limit = (int) Math.min(in.lim, end - base);
        final boolean fieldBytes = wantsFieldBytes;
        final boolean ids8 = ids == 8;
        final boolean objectIds = visitor.wantsObjectIds();
        int pos = in.pos;
        boolean any = false;
        final long[] instanceKeys = instanceClassKeys;
        final int[] instanceIndexes = instanceClassIndexes;
        final long[] arrayKeys = arrayClassKeys;
        final int[] arrayIndexes = arrayClassIndexes;
        while (limit - pos >= objectHeader) {
            int tag = buf[pos] & 0xff;
            long body;
            int bodyStart;
            if (tag == Hprof.INSTANCE_DUMP) {
                long id = objectIds ? in.idAt(pos + 1, ids) : 0;
                long classId = ids8 ? in.longAt(pos + 13) : in.intAt(pos + 9) & 0xffffffffL;
                body = in.intAt(pos + 5 + 2 * ids) & 0xffffffffL;
                bodyStart = pos + objectHeader;
                int slot = (int) ((classId * CLASS_HASH) >>> (64 - CLASS_CACHE_BITS));
                int ci = instanceIndexes[slot];
                if (instanceKeys[slot] != classId || ci < 0) {
                    ci = cacheClass(classId, instanceKeys, instanceIndexes, slot, ClassTable.USED_BY_INSTANCE);
                }
                if (classes.fieldBytes(ci) != body || (fieldBytes && bodyStart + body > limit)) {
                    break; // unresolved class, a mismatch to report, or field bytes to buffer: the general path
                }
                in.pos = bodyStart;
                visitor.instance(id, ci, body, in);
            } else if (tag == Hprof.PRIM_ARRAY_DUMP) {
                int type = buf[pos + ids + 9] & 0xff;
                if (!Hprof.isPrimitive(type)) {
                    break;
                }
                long id = objectIds ? in.idAt(pos + 1, ids) : 0;
                long length = in.intAt(pos + 5 + ids) & 0xffffffffL;
                body = length * Hprof.primitiveSize(type);
                bodyStart = pos + ids + 10;
                visitor.primitiveArray(id, type, length, true);
            } else if (tag == Hprof.OBJ_ARRAY_DUMP) {
                long id = objectIds ? in.idAt(pos + 1, ids) : 0;
                long length = in.intAt(pos + 5 + ids) & 0xffffffffL;
                long classId = in.idAt(pos + 9 + ids, ids);
                int slot = (int) ((classId * CLASS_HASH) >>> (64 - CLASS_CACHE_BITS));
                int ci = arrayIndexes[slot];
                if (arrayKeys[slot] != classId || ci < 0) {
                    ci = cacheClass(classId, arrayKeys, arrayIndexes, slot, ClassTable.USED_BY_ARRAY);
                }
                if (classes.fieldBytes(ci) < 0) {
                    break; // unresolved: the general path notes where it was first used
                }
                body = length * ids;
                bodyStart = pos + objectHeader;
                if (wantsArrayElements) {
                    if (bodyStart + body > limit) {
                        break; // elements beyond the buffer: the general path reads them through the input
                    }
                    in.pos = bodyStart; // the elements are buffered: the visitor's reads stay within them
                }
                visitor.objectArray(id, ci, length, in);
            } else {
                break;
            }
            any = true;
            long next = bodyStart + body;
            if (next > limit) {
                // The body runs past the buffer or the record: skip it through the input.
                subStart = base + pos;
                subTag = tag;
                in.pos = bodyStart;
                in.skip(body);
                return true;
            }
            pos = (int) next;
        }
        in.pos = pos;
        return any;
    }

    private void subRecord() throws IOException {
        subStart = in.offset();
        int tag = in.u1();
        subTag = tag;
        // The three object kinds first, in order of frequency; the rest is rare.
        if (tag == Hprof.INSTANCE_DUMP) {
            instance();
        } else if (tag == Hprof.PRIM_ARRAY_DUMP) {
            primitiveArray(true);
        } else if (tag == Hprof.OBJ_ARRAY_DUMP) {
            objectArray();
        } else {
            rareSubRecord(tag);
        }
    }

    private void rareSubRecord(int tag) throws IOException {
        switch (tag) {
            case Hprof.CLASS_DUMP -> classDump();
            case Hprof.PRIM_ARRAY_NODATA_DUMP -> primitiveArray(false);
            case Hprof.HEAP_DUMP_INFO -> heapInfo();
            default -> {
                RootKind kind = RootKind.of(tag);
                if (kind == null) {
                    throw error(subStart, "a heap dump sub-record tag (roots 0x01-0x08, 0x89-0x8E, 0x90, 0xFF; "
                            + "dumps 0x20-0x23, 0xC3; heap info 0xFE)", String.format("tag 0x%02X", tag));
                }
                root(kind);
            }
        }
    }

    private void root(RootKind kind) throws IOException {
        int size = kind.bodySize(idSize);
        in.need(size);
        long id = in.idAt(in.pos, idSize);
        in.pos += size;
        visitor.root(kind, id);
    }

    private void instance() throws IOException {
        int ids = idSize;
        in.need(2 * ids + 8);
        int p = in.pos;
        long id = in.idAt(p, ids);
        long classId = in.idAt(p + ids + 4, ids);
        long len = in.intAt(p + 2 * ids + 4) & 0xffffffffL;
        in.pos = p + 2 * ids + 8;
        int ci = classes.intern(classId);
        classes.use(ci, ClassTable.USED_BY_INSTANCE);
        long expected = classes.fieldBytes(ci);
        if (expected != len) {
            if (expected >= 0) {
                throw error(subStart + 1 + 2L * ids + 4, expected + " field bytes, as class "
                        + classes.name(classes.get(ci)) + " lays them out", len + " field bytes");
            }
            classes.useUnresolved(ci, subStart);
            classes.pendingInstance(ci, len, subStart);
        }
        if (!wantsFieldBytes) {
            visitor.instance(id, ci, len, in);
            in.skip(len);
            return;
        }
        if (len <= HprofInput.MAX_BUFFER) {
            in.need((int) len);
        }
        long start = in.offset();
        visitor.instance(id, ci, len, in);
        long read = in.offset() - start;
        if (read > len) {
            throw new IllegalStateException("a visitor read " + read + " bytes of an instance body of " + len);
        }
        in.skip(len - read);
    }

    private void objectArray() throws IOException {
        int ids = idSize;
        in.need(2 * ids + 8);
        int p = in.pos;
        long id = in.idAt(p, ids);
        long length = in.intAt(p + ids + 4) & 0xffffffffL;
        long classId = in.idAt(p + ids + 8, ids);
        in.pos = p + 2 * ids + 8;
        int ci = classes.intern(classId);
        classes.use(ci, ClassTable.USED_BY_ARRAY);
        if (classes.fieldBytes(ci) < 0) {
            classes.useUnresolved(ci, subStart);
        }
        long body = length * ids;
        if (wantsArrayElements) {
            long start = in.offset();
            visitor.objectArray(id, ci, length, in);
            long read = in.offset() - start;
            if (read > body) {
                throw new IllegalStateException("a visitor read " + read + " bytes of an array body of " + body);
            }
            in.skip(body - read);
        } else {
            visitor.objectArray(id, ci, length, in);
            in.skip(body);
        }
    }

    private void primitiveArray(boolean withData) throws IOException {
        int ids = idSize;
        in.need(ids + 9);
        int p = in.pos;
        long id = in.idAt(p, ids);
        long length = in.intAt(p + ids + 4) & 0xffffffffL;
        int type = in.buf[p + ids + 8] & 0xff;
        in.pos = p + ids + 9;
        if (!Hprof.isPrimitive(type)) {
            throw error(subStart + 1 + ids + 8, "a primitive element type (4 to 11)", "type " + type);
        }
        visitor.primitiveArray(id, type, length, withData);
        if (withData) {
            in.skip(length * Hprof.primitiveSize(type));
        }
    }

    private void heapInfo() throws IOException {
        in.need(4 + idSize);
        int heapId = in.s4();
        long nameId = in.id(idSize);
        visitor.heap(heapId, strings.get(nameId).orElse("heap " + heapId));
    }

    private int type() throws IOException {
        long at = in.offset();
        int t = in.u1();
        if (!Hprof.isBasicType(t)) {
            throw error(at, "a basic type (2 for references, 4 to 11 for primitives)", "type " + t);
        }
        return t;
    }

    private long value(int type) throws IOException {
        return switch (type == Hprof.OBJECT ? idSize : Hprof.primitiveSize(type)) {
            case 1 -> in.u1();
            case 2 -> in.u2();
            case 4 -> in.u4();
            default -> in.u8();
        };
    }

    private void classDump() throws IOException {
        int ids = idSize;
        long classId = in.id(ids);
        if (classId == 0) {
            throw error(subStart + 1, "a class object id other than 0", "0");
        }
        ClassInfo c = classes.get(classes.intern(classId));
        if (c.dumped()) {
            throw error(subStart + 1, "one CLASS DUMP per class", "a second CLASS DUMP for class 0x"
                    + Long.toHexString(classId) + " (the first at byte offset " + c.dumpOffset + ")");
        }
        in.need(4 + 6 * ids + 4);
        in.pos += 4; // stack trace serial number
        c.superId = in.id(ids);
        c.loaderId = in.id(ids);
        c.signersId = in.id(ids);
        c.protectionDomainId = in.id(ids);
        in.pos += 2 * ids; // reserved
        c.recordedInstanceSize = in.u4();
        int constants = in.u2();
        for (int i = 0; i < constants; i++) {
            in.need(2);
            in.pos += 2; // constant pool index
            int t = type();
            in.skip(Hprof.valueSize(t, ids));
        }
        int statics = in.u2();
        byte[] staticTypes = new byte[statics];
        long[] staticNames = new long[statics];
        long[] staticValues = new long[statics];
        long raw = 0;
        for (int i = 0; i < statics; i++) {
            staticNames[i] = in.id(ids);
            int t = type();
            staticTypes[i] = (byte) t;
            staticValues[i] = value(t);
            raw += Hprof.valueSize(t, ids);
        }
        int fields = in.u2();
        byte[] fieldTypes = new byte[fields];
        long[] fieldNames = new long[fields];
        for (int i = 0; i < fields; i++) {
            fieldNames[i] = in.id(ids);
            fieldTypes[i] = (byte) type();
        }
        c.staticTypes = staticTypes;
        c.staticNames = staticNames;
        c.staticValues = staticValues;
        c.staticRawBytes = raw;
        c.fieldTypes = fieldTypes;
        c.fieldNames = fieldNames;
        c.dumpOffset = subStart;
        classes.dumped(c);
        visitor.classDump(c);
    }
}
