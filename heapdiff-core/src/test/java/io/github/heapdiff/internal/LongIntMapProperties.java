package io.github.heapdiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

class LongIntMapProperties {

    @Property
    void behaves_like_a_hash_map_with_or_without_the_lookup_cache(@ForAll("operations") List<Tuple3<Integer, Long, Integer>> ops,
            @ForAll boolean cached) {
        LongIntMap map = cached ? LongIntMap.withLookupCache(4) : new LongIntMap(4);
        Map<Long, Integer> model = new HashMap<>();
        for (Tuple3<Integer, Long, Integer> op : ops) {
            long key = op.get2();
            int value = op.get3();
            switch (op.get1()) {
                case 0 -> {
                    map.put(key, value);
                    model.put(key, value);
                }
                case 1 -> assertEquals(model.computeIfAbsent(key, k -> value), map.putIfAbsent(key, value));
                default -> assertEquals(model.getOrDefault(key, -1), map.get(key));
            }
            assertEquals(model.size(), map.size());
        }
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
    }

    @Provide
    Arbitrary<List<Tuple3<Integer, Long, Integer>>> operations() {
        // few distinct keys (so that they repeat), 0 among them, and keys that collide in the cache
        Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(-3, 60),
                Arbitraries.integers().between(0, 40).map(i -> (long) i << 53), Arbitraries.longs());
        return Arbitraries.integers().between(0, 2).flatMap(kind -> keys.flatMap(
                key -> Arbitraries.integers().between(0, 1000).map(v -> Tuple.of(kind, key, v))))
                .list().ofMaxSize(300);
    }
}
