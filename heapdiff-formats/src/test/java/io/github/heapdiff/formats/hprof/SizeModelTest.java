package io.github.heapdiff.formats.hprof;

import static io.github.heapdiff.formats.hprof.Hprof.BOOLEAN;
import static io.github.heapdiff.formats.hprof.Hprof.BYTE;
import static io.github.heapdiff.formats.hprof.Hprof.DOUBLE;
import static io.github.heapdiff.formats.hprof.Hprof.INT;
import static io.github.heapdiff.formats.hprof.Hprof.LONG;
import static io.github.heapdiff.formats.hprof.Hprof.OBJECT;
import static io.github.heapdiff.formats.hprof.Hprof.SHORT;
import static io.github.heapdiff.formats.hprof.SizeModel.HOTSPOT_32;
import static io.github.heapdiff.formats.hprof.SizeModel.HOTSPOT_64;
import static io.github.heapdiff.formats.hprof.SizeModel.HOTSPOT_64_CCP;
import static io.github.heapdiff.formats.hprof.SizeModel.HOTSPOT_64_COOPS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SizeModelTest {

    private static byte[] types(int... t) {
        byte[] b = new byte[t.length];
        for (int i = 0; i < t.length; i++) {
            b[i] = (byte) t[i];
        }
        return b;
    }

    private static final FieldLayout NO_FIELDS_64 = FieldLayout.of(null, 12, new byte[0], HOTSPOT_64_COOPS);

    private static FieldLayout subclassOfObject(SizeModel m, int... fieldTypes) {
        FieldLayout object = FieldLayout.of(null, m.headerSize(), new byte[0], m);
        return FieldLayout.of(object, m.headerSize(), types(fieldTypes), m);
    }

    @Test
    void an_int_fills_the_gap_after_a_compressed_header_when_longs_need_alignment() {
        // The corpus's Timer {int state; boolean touched; long duration; long[] hrDuration; long hrstart; long start;
        // double durationInMillis}: longs and the double at 16..48, the int at 12, the boolean at 48, the reference at 52.
        assertEquals(56, subclassOfObject(HOTSPOT_64_COOPS, INT, BOOLEAN, LONG, OBJECT, LONG, LONG, DOUBLE).instanceSize());
    }

    @Test
    void small_fields_pack_after_the_header_and_references_after_them() {
        // The corpus's TraceSegment: nine references, three booleans, one int -> 12 + 4 + 3 + pad 1 + 36 = 56.
        assertEquals(56, subclassOfObject(HOTSPOT_64_COOPS, OBJECT, OBJECT, OBJECT, OBJECT, OBJECT, BOOLEAN, BOOLEAN,
                OBJECT, OBJECT, BOOLEAN, OBJECT, INT, OBJECT).instanceSize());
    }

    @Test
    void a_subclass_field_fills_a_gap_its_superclass_left() {
        FieldLayout object = FieldLayout.of(null, 12, new byte[0], HOTSPOT_64_COOPS);
        FieldLayout withLong = FieldLayout.of(object, 12, types(LONG), HOTSPOT_64_COOPS);
        assertEquals(24, withLong.instanceSize());   // long at 16, gap at 12..16
        assertEquals(24, FieldLayout.of(withLong, 12, types(INT), HOTSPOT_64_COOPS).instanceSize());   // int at 12
        assertEquals(32, FieldLayout.of(withLong, 12, types(LONG), HOTSPOT_64_COOPS).instanceSize());  // long at 24
        // The smallest gap that fits wins: a byte goes to the 1-byte gap, not the 4-byte one.
        FieldLayout gaps = FieldLayout.of(object, 12, types(LONG, BYTE, SHORT), HOTSPOT_64_COOPS);
        assertEquals(gaps.end(), FieldLayout.of(gaps, 12, types(BYTE), HOTSPOT_64_COOPS).end());
    }

    @Test
    void a_class_without_superclass_appends_its_fields_in_order() {
        // No search for gaps in the root class: long at 16 after padding, int at 24 -> 28 -> 32.
        assertEquals(32, FieldLayout.of(null, 12, types(LONG, INT), HOTSPOT_64_COOPS).instanceSize());
        // The same fields in a subclass of Object: the int takes the gap at 12 -> 24.
        assertEquals(24, FieldLayout.of(NO_FIELDS_64, 12, types(LONG, INT), HOTSPOT_64_COOPS).instanceSize());
    }

    @Test
    void header_and_reference_sizes_follow_the_model() {
        int[] fields = {OBJECT, OBJECT, INT};
        assertEquals(24, subclassOfObject(HOTSPOT_64_COOPS, fields).instanceSize());   // 12 + 4 + 8 = 24
        assertEquals(32, subclassOfObject(HOTSPOT_64_CCP, fields).instanceSize());     // int at 12, refs at 16, 24 -> 32
        assertEquals(40, subclassOfObject(HOTSPOT_64, fields).instanceSize());         // 16 + 4, refs at 24, 32 -> 40
        assertEquals(24, subclassOfObject(HOTSPOT_32, fields).instanceSize());         // 8 + 4 + 4 + 4 = 20 -> 24
    }

    @Test
    void static_fields_are_appended_after_the_class_instance_fields() {
        assertEquals(96 + 8 + 4 + 4, FieldLayout.staticsEnd(96, new int[] {4, 8}, 1, HOTSPOT_64_COOPS));
        assertEquals(96, FieldLayout.staticsEnd(96, new int[0], 0, HOTSPOT_64_COOPS));
    }

    @Test
    void array_sizes_do_not_overflow_for_any_u4_length() {
        long max = 0xFFFF_FFFFL;
        assertEquals(16 + 8 * max, HOTSPOT_64_COOPS.arraySize(max, 8));
        assertEquals(24 + 8 * max, HOTSPOT_64.arraySize(max, 8));
        assertEquals(4_294_967_312L, HOTSPOT_64_COOPS.arraySize(max, 1));      // 16 + 4294967295 -> aligned
        assertEquals(17_179_869_200L, HOTSPOT_64_COOPS.arraySize(max, 4));     // 16 + 4 * max = 17179869196 -> 200
        assertEquals(16, HOTSPOT_64_COOPS.arraySize(0, 4));
        assertEquals(16, HOTSPOT_32.arraySize(1, 4));
        assertEquals(16, HOTSPOT_32.arraySize(0, 8));                           // 8-byte elements start at 16
    }

    @Test
    void arrays_longer_than_2_gib_add_up_with_their_padding_from_lengths_modulo_8() {
        long[] lengths = {1L << 31, (1L << 31) + 1, 0xFFFF_FFFFL};
        long[] mod8 = new long[8];
        long sum = 0;
        long expected = 0;
        for (long n : lengths) {
            mod8[(int) (n & 7)]++;
            sum += n;
            expected += HOTSPOT_64_COOPS.arraySize(n, 1);
        }
        assertEquals(2_147_483_664L + 2_147_483_672L + 4_294_967_312L, expected);
        assertEquals(expected, HistogramVisitor.arrayBytes(HOTSPOT_64_COOPS, 1, 3, sum, mod8, 0));
    }

    @Property
    void the_padding_sum_equals_the_sum_of_aligned_array_sizes(@ForAll @LongRange(max = 0xFFFF_FFFFL) long a,
            @ForAll @LongRange(max = 0xFFFF_FFFFL) long b, @ForAll("elementSizes") int e) {
        for (SizeModel m : SizeModel.values()) {
            long[] mod8 = new long[8];
            mod8[(int) (a & 7)]++;
            mod8[(int) (b & 7)]++;
            assertEquals(m.arraySize(a, e) + m.arraySize(b, e), HistogramVisitor.arrayBytes(m, e, 2, a + b, mod8, 0));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> elementSizes() {
        return net.jqwik.api.Arbitraries.of(1, 2, 4, 8);
    }

    @Test
    void models_are_found_by_name_in_any_case() {
        assertEquals(HOTSPOT_64_CCP, SizeModel.byId(" Hotspot-64-CCP ").orElseThrow());
        assertEquals("hotspot-64-coops, hotspot-64-ccp, hotspot-64, hotspot-32, android", SizeModel.ids());
    }
}
