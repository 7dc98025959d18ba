package io.github.heapdiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.heapdiff.GroupDelta;
import io.github.heapdiff.GroupKey;
import io.github.heapdiff.HeapDiff;
import io.github.heapdiff.Observation;
import io.github.heapdiff.Shape;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FoundingStoryTest {

    final HeapDiff diff = FoundingStory.read("before.txt").diff(FoundingStory.read("after.txt"));

    @Test
    void trace_segment_grew_tenfold() {
        GroupDelta d = diff.delta(GroupKey.of("TraceSegment", new Shape(List.of("name", "transaction"), 13, true)))
                .orElseThrow();
        assertEquals(OptionalLong.of(189_979), d.countDelta());
        assertEquals(10.54, d.countRatio().orElseThrow(), 0.005);
    }

    @Test
    void the_config_objects_did_not_move_and_arguments_were_not_shown() {
        assertTrue(diff.delta(GroupKey.of("Object", Shape.of(List.of("id", "genreIds")))).orElseThrow().isUnchanged());
        GroupDelta args = diff.delta(GroupKey.of("Arguments", Shape.of(List.of("0", "length")))).orElseThrow();
        assertEquals(Observation.Presence.NOT_SHOWN, args.last().presence());
    }
}
