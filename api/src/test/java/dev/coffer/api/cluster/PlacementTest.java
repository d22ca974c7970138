package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.storage.ChunkId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where replicas go: spread by free space, never twice on a node, never on a draining node or this one. */
class PlacementTest {
    private static final long GB = 1L << 30;
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3", "n4");

    private static List<ChunkId> ids(int count) {
        Random random = new Random(20);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return new ChunkId(HexFormat.of().formatHex(bytes));
        }).toList();
    }

    @Test
    void eachNodeIsFirstForAShareOfTheChunksAsLargeAsItsShareOfTheFreeSpace() {
        Map<String, Long> free = Map.of("n2", 100 * GB, "n3", 300 * GB, "n4", 100 * GB);
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> held = new HashMap<>(); // with R = 3: this node and the first two
        for (ChunkId id : ids(10_000)) {
            List<String> order = Placement.order(id, "n1", MEMBERS, Set.of(), free::get);
            assertThat(order).as("every other member once, this node never").containsExactlyInAnyOrder("n2", "n3", "n4");
            first.merge(order.get(0), 1, Integer::sum);
            for (String node : order.subList(0, 2)) held.merge(node, 1, Integer::sum);
        }
        // shares 1/5, 3/5, 1/5 of 10,000; the bounds are over 8 standard deviations wide
        assertThat(first.get("n3")).isBetween(5_600, 6_400);
        assertThat(first.get("n2")).isBetween(1_650, 2_350);
        assertThat(first.get("n4")).isBetween(1_650, 2_350);
        assertThat(held.get("n3")).as("the roomiest node holds more replicas").isGreaterThan(held.get("n2") + 2_000);
    }

    @Test
    void equalFreeSpaceSpreadsEvenlyAndTheOrderOfAChunkIsTheSameEverywhere() {
        Map<String, Integer> first = new HashMap<>();
        for (ChunkId id : ids(9_000)) {
            List<String> order = Placement.order(id, "n1", MEMBERS, Set.of(), node -> 50 * GB);
            assertThat(Placement.order(id, "n1", List.of("n4", "n3", "n2", "n1"), Set.of(), node -> 50 * GB))
                    .as("the members' order does not matter").isEqualTo(order);
            first.merge(order.get(0), 1, Integer::sum);
        }
        for (String node : List.of("n2", "n3", "n4")) assertThat(first.get(node)).isBetween(2_700, 3_300);
    }

    @Test
    void aDrainingNodeIsNeverACandidateAndAFullOneComesLast() {
        Map<String, Long> free = Map.of("n2", 0L, "n3", 10 * GB, "n4", 10 * GB);
        for (ChunkId id : ids(2_000)) {
            assertThat(Placement.order(id, "n1", MEMBERS, Set.of("n3"), free::get)).containsExactly("n4", "n2");
        }
    }
}
