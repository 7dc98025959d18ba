package io.github.heapdiff.formats.hprof;

import io.github.heapdiff.internal.LongIntMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The STRING records of a dump (class, field and method names), kept as bytes in one growing
 * arena and decoded on demand.
 *
 * <p>The arena grows only with bytes actually read, so a record claiming a huge length costs no
 * memory before its bytes arrive.
 */
final class StringTable {

    /** The most string bytes one dump may hold (the arena is one array). */
    static final int MAX_BYTES = Integer.MAX_VALUE - 64;

    private final LongIntMap index = new LongIntMap(1024);
    private byte[] arena = new byte[64 * 1024];
    private int used;
    private int[] starts = new int[1024];
    private int[] lengths = new int[1024];
    private int count;

    /** The number of strings. */
    int size() {
        return count;
    }

    /** The bytes held. */
    long bytes() {
        return used;
    }

    /**
     * Reads {@code n} bytes of string {@code id} from {@code in}; a later string with the same id
     * replaces the earlier one.
     *
     * @return false when the arena would exceed {@link #MAX_BYTES}
     */
    boolean read(long id, HprofInput in, int n) throws IOException {
        if ((long) used + n > MAX_BYTES) {
            return false;
        }
        int start = used;
        int off = start;
        int left = n;
        while (left > 0) {
            if (in.buffered() == 0) {
                in.need(1);
            }
            int k = Math.min(left, in.buffered());
            ensureArena(off + k);
            System.arraycopy(in.buf, in.pos, arena, off, k);
            in.pos += k;
            off += k;
            left -= k;
        }
        used = off;
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = start;
        lengths[count] = n;
        index.put(id, count);
        count++;
        return true;
    }

    private void ensureArena(int size) {
        if (size > arena.length) {
            long cap = Math.max(size, Math.min((long) arena.length * 2, MAX_BYTES));
            arena = Arrays.copyOf(arena, (int) cap);
        }
    }

    /** Returns true when a string with {@code id} was read. */
    boolean contains(long id) {
        return index.get(id) >= 0;
    }

    /** The string with {@code id}, decoded as UTF-8, if read. */
    Optional<String> get(long id) {
        int i = index.get(id);
        return i < 0 ? Optional.empty() : Optional.of(at(i));
    }

    /** Where the string with {@code id} is kept (a later record with the id takes another slot), or -1 if none was read. */
    int slot(long id) {
        return index.get(id);
    }

    /** The string in slot {@code slot}, decoded as UTF-8. */
    String at(int slot) {
        return new String(arena, starts[slot], lengths[slot], StandardCharsets.UTF_8);
    }

    /** Returns true when string {@code id} exists and starts with the ASCII character {@code c}. */
    boolean startsWith(long id, char c) {
        int i = index.get(id);
        return i >= 0 && lengths[i] > 0 && arena[starts[i]] == (byte) c;
    }
}
