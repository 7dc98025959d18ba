package io.github.heapdiff.graph;

import java.util.Arrays;

/**
 * Interns sequences of property-name string indexes (object shapes) to dense ids; id 0 is the
 * empty sequence. Open addressing over one pooled {@code int[]}.
 */
final class ShapeTable {
    private int[] pool = new int[256];
    private int poolSize;
    private int[] start = new int[64];
    private int count;
    private int[] table = new int[256];
    private int mask = 255;

    ShapeTable() {
        start[0] = 0;
        start[1] = 0;
        count = 1;
        table[hash(pool, 0, 0) & mask] = 1;
    }

    int size() {
        return count;
    }

    int length(int id) {
        return start[id + 1] - start[id];
    }

    int name(int id, int position) {
        return pool[start[id] + position];
    }

    int intern(int[] names, int len) {
        int h = hash(names, 0, len);
        int slot = h & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) {
                break;
            }
            int id = e - 1;
            if (equal(id, names, len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        int id = count;
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(names, 0, pool, poolSize, len);
        poolSize += len;
        if (id + 2 > start.length) {
            start = Arrays.copyOf(start, start.length * 2);
        }
        start[id + 1] = poolSize;
        count++;
        table[slot] = id + 1;
        if (count * 2 > table.length) {
            rehash();
        }
        return id;
    }

    private boolean equal(int id, int[] names, int len) {
        int s = start[id];
        if (start[id + 1] - s != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (pool[s + i] != names[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int m = t.length - 1;
        for (int id = 0; id < count; id++) {
            int slot = hash(pool, start[id], start[id + 1] - start[id]) & m;
            while (t[slot] != 0) {
                slot = (slot + 1) & m;
            }
            t[slot] = id + 1;
        }
        table = t;
        mask = m;
    }

    private static int hash(int[] a, int from, int len) {
        int h = 0x9E3779B9 ^ len;
        for (int i = 0; i < len; i++) {
            h = (h ^ a[from + i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }
}
