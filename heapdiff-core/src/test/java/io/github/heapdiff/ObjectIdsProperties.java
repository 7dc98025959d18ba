package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ObjectIdsProperties {

    /** Sets adopted unsorted (sorted by radix sort when big) equal sets made the plain way. */
    @Property(tries = 200)
    void an_unsorted_set_equals_the_sorted_one(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000) int size,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long bound) {
        Random r = new Random(seed);
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = r.nextInt(4) == 0 && i > 0 ? ids[r.nextInt(i)] : (long) (r.nextDouble() * bound);
            if (r.nextInt(50) == 0) {
                ids[i] = -ids[i]; // negative values take the comparison sort
            }
        }
        ObjectIds plain = ObjectIds.of(ids);
        ObjectIds lazy = ObjectIds.adoptUnsorted(ids.clone());
        assertEquals(plain, lazy);
        assertEquals(plain.size(), lazy.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i), lazy.get(i));
        }
    }
}
