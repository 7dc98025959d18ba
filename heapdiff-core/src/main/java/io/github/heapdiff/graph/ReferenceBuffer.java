package io.github.heapdiff.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The references of the by-id way while a reader streams them, in chunks of {@value #CHUNK}: the
 * target id, the name or index and the flags of each. Chunks are never copied to grow (a big
 * dump's references are hundreds of megabytes, and copying them to grow left as much garbage for
 * full collections to move), and they are released one by one as the completed graph takes their
 * contents over.
 *
 * <p>Target ids are stored in 4 bytes as {@code id >>> 3} while they are multiples of 8 below
 * 2<sup>35</sup> (heap addresses of heaps up to 32 GB); a chunk that meets another id holds 8-byte
 * ids instead. Not thread-safe.
 */
final class ReferenceBuffer {

    static final int CHUNK_BITS = 20;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final int ID_SHIFT = 3;

    private final List<int[]> smallIds = new ArrayList<>();
    private final List<long[]> wideIds = new ArrayList<>();
    private final List<int[]> names = new ArrayList<>();
    private final List<byte[]> flags = new ArrayList<>();
    private int[] small;
    private long[] wide;
    /** The current chunk's names (before the first chunk, an empty array). */
    private int[] name = new int[0];
    /**
     * How many references the current chunk takes (0 before the first): its length, except for a
     * first chunk reserved full size, whose room grows as if it were copied to grow. One test
     * ({@code size - chunkStart + n > room}) sends every start, growth and end of a chunk down the
     * single way: a branch the compiled fast paths see taken early (while the first chunk's room
     * grows) rather than first at the end of a full chunk, where it would throw their optimised
     * code away.
     */
    private int room;
    private static final int FIRST_ROOM = 1024;
    private byte[] flag;
    private int size;
    /** The index of the current chunk's first reference. */
    private int chunkStart;
    /** Where full-size int chunks come from. */
    ChunkStock stock = ChunkStock.NONE;

    /** The number of references added. */
    int size() {
        return size;
    }

    /**
     * Adds a reference for each non-zero big-endian id of {@code idSize} bytes at
     * {@code fields[p + offsets[i]]}, named {@code names[i]} with flags {@code flags[i]}, as
     * {@link #add} would one by one; returns how many were added. Written straight into the
     * current chunk when it has room and stays narrow.
     */
    int addFields(byte[] fields, int p, int[] offsets, int idSize, int[] names, byte[] flags) {
        int slots = offsets.length;
        int k = size - chunkStart;
        if (wide != null || k + slots > room) {
            checkCodes(fields, p, offsets, 0, idSize, flags);
            return addFieldsOneByOne(fields, p, offsets, 0, idSize, names, flags);
        }
        int[] s = small;
        int[] nm = name;
        byte[] fl = flag;
        int start = k;
        for (int i = 0; i < slots; i++) {
            long v = idAt(fields, p + offsets[i], idSize);
            if (v != 0) {
                if (!narrow(v)) {
                    // an id that needs the wide form: the one-by-one path widens the chunk
                    checkCodes(fields, p, offsets, i, idSize, flags);
                    size += k - start;
                    return k - start + addFieldsOneByOne(fields, p, offsets, i, idSize, names, flags);
                }
                byte f = flags[i];
                if ((f & 0x7F) >= GraphBuilder.KINDS) {
                    throw badCode(f); // nothing of this call is added: the size is not moved on
                }
                s[k] = (int) (v >>> ID_SHIFT);
                nm[k] = names[i];
                fl[k] = f;
                k++;
            }
        }
        size += k - start;
        return k - start;
    }

    /** Throws for the first reference to be added from slot {@code from} on whose code names no edge kind (before anything is added). */
    private static void checkCodes(byte[] fields, int p, int[] offsets, int from, int idSize, byte[] flags) {
        for (int i = from; i < offsets.length; i++) {
            if ((flags[i] & 0x7F) >= GraphBuilder.KINDS && idAt(fields, p + offsets[i], idSize) != 0) {
                throw badCode(flags[i]);
            }
        }
    }

    private static IllegalArgumentException badCode(byte code) {
        return new IllegalArgumentException("edge code " + code + " names no edge kind");
    }

    /**
     * Adds a reference for each non-zero big-endian id among the {@code count} ids of
     * {@code idSize} bytes from {@code elements[p]}, the i-th named by index {@code firstIndex + i},
     * with flags {@code flags}, as {@link #add} would one by one; returns how many were added.
     * Written straight into the current chunk while it has room and stays narrow.
     */
    int addElements(byte[] elements, int p, int count, int idSize, int firstIndex, byte flags) {
        int added = 0;
        int i = 0;
        while (i < count) {
            int k = size - chunkStart;
            if (wide != null || k == room) {
                // the single way: it starts or grows a chunk, or writes into a wide one
                long v = idAt(elements, p + i * idSize, idSize);
                if (v != 0) {
                    add(v, firstIndex + i, flags);
                    added++;
                }
                i++;
                continue;
            }
            int end = Math.min(count, i + (room - k));
            int[] s = small;
            int[] nm = name;
            byte[] fl = flag;
            int start = k;
            boolean wideId = false;
            for (; i < end; i++) {
                long v = idAt(elements, p + i * idSize, idSize);
                if (v != 0) {
                    if (!narrow(v)) {
                        wideId = true;
                        break;
                    }
                    s[k] = (int) (v >>> ID_SHIFT);
                    nm[k] = firstIndex + i;
                    fl[k] = flags;
                    k++;
                }
            }
            size += k - start;
            added += k - start;
            if (wideId) {
                // the single way widens the chunk
                add(idAt(elements, p + i * idSize, idSize), firstIndex + i, flags);
                added++;
                i++;
            }
        }
        return added;
    }

    private int addFieldsOneByOne(byte[] fields, int p, int[] offsets, int from, int idSize, int[] names, byte[] flags) {
        int n = 0;
        for (int i = from; i < offsets.length; i++) {
            long v = idAt(fields, p + offsets[i], idSize);
            if (v != 0) {
                add(v, names[i], flags[i]);
                n++;
            }
        }
        return n;
    }

    /** Whether {@code id} is stored in 4 bytes: a multiple of 8 below 2<sup>35</sup>. */
    private static boolean narrow(long id) {
        return (id & ((1L << ID_SHIFT) - 1)) == 0 && (id >>> ID_SHIFT >>> 32) == 0;
    }

    /**
     * The big-endian id of {@code idSize} (4 or 8) bytes at {@code b[i]}: one load through a
     * byte-array view (HPROF graph reads take tens of millions of them).
     */
    static long idAt(byte[] b, int i, int idSize) {
        return idSize == 8 ? (long) LONG_BE.get(b, i) : (int) INT_BE.get(b, i) & 0xFFFF_FFFFL;
    }

    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    void add(long targetId, int nameOrIndex, byte flags) {
        int k = size - chunkStart;
        if (k == room) {
            if (k == 0 || k == CHUNK) {
                newChunk();
                k = 0;
            } else {
                growChunk();
            }
        }
        if (wide == null && narrow(targetId)) {
            small[k] = (int) (targetId >>> ID_SHIFT);
        } else {
            if (wide == null) {
                widenChunk();
            }
            wide[k] = targetId;
        }
        name[k] = nameOrIndex;
        flag[k] = flags;
        size++;
    }

    /**
     * Makes the first chunk full size when it is made (for a graph known to be big), its room still
     * growing in the same steps as when it grows by copying: see {@link #room}.
     */
    void reserveFirst() {
        reserveFirst = true;
    }

    private boolean reserveFirst;

    /**
     * A new chunk: full size, except the first, which starts small and grows (small graphs stay
     * small), or whose room does when it is reserved full size.
     */
    private void newChunk() {
        boolean first = size == 0;
        int n = first && !reserveFirst ? FIRST_ROOM : CHUNK;
        chunkStart = size;
        small = n == CHUNK ? stock.take() : new int[n];
        wide = null;
        name = n == CHUNK ? stock.take() : new int[n];
        flag = new byte[n];
        room = first ? FIRST_ROOM : CHUNK;
        smallIds.add(small);
        wideIds.add(null);
        names.add(name);
        flags.add(flag);
    }

    private void growChunk() {
        int n = Math.min(CHUNK, room * 2);
        room = n;
        if (name.length >= n) {
            return; // reserved full size: only the room grows
        }
        int c = names.size() - 1;
        if (wide != null) {
            wide = Arrays.copyOf(wide, n);
            wideIds.set(c, wide);
        } else {
            small = Arrays.copyOf(small, n);
            smallIds.set(c, small);
        }
        name = Arrays.copyOf(name, n);
        names.set(c, name);
        flag = Arrays.copyOf(flag, n);
        flags.set(c, flag);
    }

    private void widenChunk() {
        long[] w = new long[name.length];
        for (int i = 0; i < size - chunkStart; i++) {
            w[i] = (small[i] & 0xFFFF_FFFFL) << ID_SHIFT;
        }
        int c = smallIds.size() - 1;
        smallIds.set(c, null);
        wideIds.set(c, w);
        small = null;
        wide = w;
    }

    /** The target id of reference {@code i}. */
    long targetId(int i) {
        int c = i >>> CHUNK_BITS;
        int[] s = smallIds.get(c);
        return s != null ? (s[i & MASK] & 0xFFFF_FFFFL) << ID_SHIFT : wideIds.get(c)[i & MASK];
    }

    int name(int i) {
        return names.get(i >>> CHUNK_BITS)[i & MASK];
    }

    byte flags(int i) {
        return flags.get(i >>> CHUNK_BITS)[i & MASK];
    }

    /** The names of chunk {@code c} (reference {@code c * CHUNK} first). */
    int[] nameChunk(int c) {
        return names.get(c);
    }

    /** The flags of chunk {@code c}. */
    byte[] flagChunk(int c) {
        return flags.get(c);
    }

    /** The number of chunks. */
    int chunks() {
        return names.size();
    }

    /**
     * Resolves the target ids of chunk {@code c} into node indexes with {@code index}, writing
     * them to {@code targets} from index {@code c * CHUNK} on (-1 for an id no node has), and
     * releases the chunk's ids. Returns how many targets were -1. Chunks may be resolved on
     * different threads at once (each thread its own chunks).
     */
    int resolve(int c, IdIndex index, int[] targets) {
        int base = c << CHUNK_BITS;
        int len = Math.min(CHUNK, size - base);
        int missing = 0;
        int[] s = smallIds.get(c);
        if (s != null) {
            for (int k = 0; k < len; k++) {
                int t = index.find((s[k] & 0xFFFF_FFFFL) << ID_SHIFT);
                targets[base + k] = t;
                missing += t >>> 31;
            }
        } else {
            long[] w = wideIds.get(c);
            for (int k = 0; k < len; k++) {
                int t = index.find(w[k]);
                targets[base + k] = t;
                missing += t >>> 31;
            }
        }
        smallIds.set(c, null);
        wideIds.set(c, null);
        return missing;
    }

    /** Releases the target ids of every chunk before the one holding reference {@code i}. */
    void releaseIdsBefore(int i) {
        for (int c = Math.min(i >>> CHUNK_BITS, smallIds.size()) - 1; c >= 0 && (smallIds.get(c) != null || wideIds.get(c) != null); c--) {
            smallIds.set(c, null);
            wideIds.set(c, null);
        }
    }

    /** Releases the names and flags of every chunk before the one holding reference {@code i}. */
    void releaseNamesBefore(int i) {
        for (int c = Math.min(i >>> CHUNK_BITS, names.size()) - 1; c >= 0 && names.get(c) != null; c--) {
            names.set(c, null);
            flags.set(c, null);
        }
    }

    /** Releases everything. */
    void clear() {
        smallIds.clear();
        wideIds.clear();
        names.clear();
        flags.clear();
        small = null;
        wide = null;
        name = null;
        flag = null;
    }

    @Override
    public String toString() {
        return "ReferenceBuffer[" + size + " references in " + names.size() + " chunks]";
    }
}
