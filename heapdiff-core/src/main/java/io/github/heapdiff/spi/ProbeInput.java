package io.github.heapdiff.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a reader's probe sees: the source name and the first bytes of the (uncompressed) content.
 *
 * <p>The head holds up to {@link #MAX_HEAD} bytes; {@link #isComplete()} tells whether it is
 * the whole content. The array must not be modified.
 */
public final class ProbeInput {

    /** The most bytes a probe sees. */
    public static final int MAX_HEAD = 64 * 1024;

    private final String name;
    private final byte[] head;
    private final int length;
    private final boolean complete;

    /**
     * Creates a probe input.
     *
     * @param name the source name, such as a file name (after removing a {@code .gz} suffix)
     * @param head a buffer holding the first bytes of the content
     * @param length how many bytes of {@code head} are content
     * @param complete true when those bytes are the whole content
     */
    public ProbeInput(String name, byte[] head, int length, boolean complete) {
        this.name = Objects.requireNonNull(name, "name");
        this.head = Objects.requireNonNull(head, "head");
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + head.length);
        }
        this.length = length;
        this.complete = complete;
    }

    /** A probe input over a whole small content, for tests. */
    public static ProbeInput of(String name, byte[] content) {
        int n = Math.min(content.length, MAX_HEAD);
        return new ProbeInput(name, content, n, n == content.length);
    }

    /** The source name. */
    public String name() {
        return name;
    }

    /** The number of head bytes. */
    public int length() {
        return length;
    }

    /** The head byte at {@code index} (0 to {@code length() - 1}), as an unsigned value. */
    public int byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return head[index] & 0xff;
    }

    /** Returns true when the head is the whole content. */
    public boolean isComplete() {
        return complete;
    }

    /** Returns true when the head starts with {@code prefix}. */
    public boolean startsWith(byte[] prefix) {
        if (prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The head decoded as UTF-8 (malformed bytes replaced), cut at the last complete line unless
     * the head is the whole content.
     */
    public String text() {
        int end = length;
        if (!complete) {
            int nl = end - 1;
            while (nl >= 0 && head[nl] != '\n') {
                nl--;
            }
            if (nl >= 0) {
                end = nl + 1;
            }
        }
        return new String(head, 0, end, StandardCharsets.UTF_8);
    }
}
