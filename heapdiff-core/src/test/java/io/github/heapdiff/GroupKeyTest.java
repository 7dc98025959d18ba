package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupKeyTest {

    @Test
    void renders_like_mdb_findjsobjects() {
        assertEquals("TraceSegment: name, transaction, ...",
                GroupKey.of("TraceSegment", new Shape(List.of("name", "transaction"), 13, true)).render());
        assertEquals("Object: id, genreIds", GroupKey.of("Object", Shape.of(List.of("id", "genreIds"))).render());
        assertEquals("Array [2]", GroupKey.of("Array", Shape.counted(2)).render());
        assertEquals("ExponentialBackoffStrategy: ...",
                GroupKey.of("ExponentialBackoffStrategy", new Shape(List.of(), 6, true)).render());
        assertEquals("byte[]", GroupKey.of("byte[]").render());
    }

    @Test
    void arrays_of_different_lengths_are_different_groups() {
        assertNotEquals(GroupKey.of("Array", Shape.counted(1)), GroupKey.of("Array", Shape.counted(2)));
        assertEquals(GroupKey.of("Array"), GroupKey.of("Array", Shape.counted(2)).coarsen(Grouping.TYPE));
    }

    @Test
    void a_separate_element_count_makes_a_different_group_and_renders_after_the_names() {
        Shape withLength = Shape.of(List.of("length"));
        assertNotEquals(withLength.withElementCount(4), withLength.withElementCount(5));
        assertEquals(withLength, new Shape(List.of("length"), 1, false, 0));
        assertEquals("(Array): length [5 elements]", GroupKey.of("(Array)", withLength.withElementCount(5)).render());
        assertEquals("Foo [1 element]", GroupKey.of("Foo", Shape.counted(0).withElementCount(1)).render());
        assertEquals("Foo: a, ... [3 elements]",
                GroupKey.of("Foo", new Shape(List.of("a"), 4, true, 3)).render());
        assertTrue(withLength.compareTo(withLength.withElementCount(1)) < 0);
        assertThrows(IllegalArgumentException.class, () -> withLength.withElementCount(-1));
    }

    @Test
    void a_truncated_shape_differs_from_a_complete_one_with_the_same_names() {
        assertNotEquals(new Shape(List.of("a"), 2, true), Shape.of(List.of("a")));
    }

    @Test
    void inconsistent_shapes_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Shape(List.of("a", "b"), 1, true));
        assertThrows(IllegalArgumentException.class, () -> new Shape(List.of("a"), 3, false));
        assertThrows(IllegalArgumentException.class, () -> GroupKey.of(""));
    }

    @Test
    void keys_order_by_type_then_unshaped_first_then_shape() {
        GroupKey plain = GroupKey.of("Array");
        GroupKey one = GroupKey.of("Array", Shape.counted(1));
        GroupKey two = GroupKey.of("Array", Shape.counted(2));
        GroupKey obj = GroupKey.of("Object");
        assertTrue(plain.compareTo(one) < 0);
        assertTrue(one.compareTo(two) < 0);
        assertTrue(two.compareTo(obj) < 0);
    }
}
