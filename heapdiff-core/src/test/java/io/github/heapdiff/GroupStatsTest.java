package io.github.heapdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GroupStatsTest {

    @Test
    void raw_bytes_add_up_over_the_sides_that_have_them() {
        GroupStats a = GroupStats.of(2, 112).withRaw(86);
        GroupStats b = GroupStats.of(1, 56).withRaw(43);
        assertEquals(OptionalLong.of(129), a.plus(b).rawBytes());
        assertEquals(OptionalLong.of(86), a.plus(GroupStats.of(1, 56)).rawBytes());
        assertEquals(OptionalLong.empty(), GroupStats.of(1, 56).plus(GroupStats.of(1, 56)).rawBytes());
    }

    @Test
    void zero_is_the_identity_of_plus_for_every_figure_but_retained() {
        GroupStats s = GroupStats.of(3, 168).withRaw(129);
        assertEquals(s, GroupStats.ZERO.plus(s));
        assertEquals(GroupStats.of(3, 168), GroupStats.ZERO.plus(GroupStats.of(3, 168)));
        assertEquals(OptionalLong.empty(), GroupStats.ZERO.rawBytes());
    }

    @Test
    void the_three_figure_constructor_leaves_raw_bytes_absent() {
        assertEquals(OptionalLong.empty(), new GroupStats(1, OptionalLong.of(8), OptionalLong.empty()).rawBytes());
    }

    @Test
    void retained_changes_keep_raw_bytes() {
        GroupStats s = GroupStats.of(1, 56).withRaw(43).withRetained(100);
        assertEquals(OptionalLong.of(43), s.rawBytes());
        assertEquals(OptionalLong.of(43), s.withoutRetained().rawBytes());
    }

    @Test
    void negative_raw_bytes_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new GroupStats(1, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(-1)));
    }
}
