package io.github.heapdiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.heapdiff.GroupDelta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live dumps of this JVM: a leaking scenario is caught, a bounded cache is not. */
class LeakGateTest {

    @Test
    void a_session_list_that_grows_every_round_is_caught_and_a_bounded_cache_is_not(@TempDir Path dir) {
        String mine = LeakGate.class.getName() + "$";
        LeakGate.LeakyService leaky = new LeakGate.LeakyService();
        LeakGate.CachingService caching = new LeakGate.CachingService();
        int before = LeakGate.LeakyService.ALL.size();
        List<GroupDelta> grew = LeakGate.steadyGrowth(mine, () -> {
            leaky.handle();
            caching.handle();
        }, 4, dir);
        // only the leaky service's sessions: the cache's profiles stay at 500 after the first round
        assertEquals(List.of(LeakGate.Session.class.getName()), grew.stream().map(d -> d.key().type()).toList());
        long[] counts = grew.get(0).counts();
        for (int r = 1; r < counts.length; r++) {
            assertEquals(1_000, counts[r] - counts[r - 1], "sessions added in round " + (r + 1));
        }
        assertEquals(before + 4_000, LeakGate.LeakyService.ALL.size());
    }

    @Test
    void fewer_than_three_rounds_cannot_tell_steady_growth(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> LeakGate.steadyGrowth("x.", () -> { }, 2, dir));
    }
}
