package dev.coffer.api.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a chunk's replica set should become, from its set, the members, the draining marks and R. */
class ReplicaSetsTest {
    private static final Set<String> FOUR = Set.of("n1", "n2", "n3", "n4");

    @Test
    void aChunkMissingAReplicaIsBelowAndGetsMembersThatDoNotHoldIt() {
        ReplicaSets sets = new ReplicaSets(FOUR, Set.of(), 3);
        assertEquals(3, sets.target());
        assertTrue(sets.below(List.of("n1", "n2")));
        assertEquals(Set.of("n3", "n4"), Set.copyOf(sets.candidates("c", List.of("n1", "n2"))));
        assertFalse(sets.below(List.of("n1", "n2", "n3")));
        assertFalse(sets.below(List.of()), "a single node's chunk (no replica named) is never below");
    }

    @Test
    void aRemovedNodeStopsCountingAndLeavesTheSet() {
        ReplicaSets sets = new ReplicaSets(Set.of("n1", "n2", "n4"), Set.of(), 3);
        assertTrue(sets.below(List.of("n1", "n2", "n3")));
        assertEquals(List.of("n1", "n2", "n4"), sets.settled(List.of("n1", "n2", "n3", "n4")));
    }

    @Test
    void theTargetIsCappedByTheMembersThatTakeReplicas() {
        ReplicaSets sets = new ReplicaSets(Set.of("n1", "n2", "n3"), Set.of("n3"), 3);
        assertEquals(2, sets.target());
        assertFalse(sets.below(List.of("n1", "n2", "n3")));
        assertEquals(List.of(), sets.candidates("c", List.of("n1", "n2")));
    }

    @Test
    void aDrainingReplicaStaysUntilTheTargetIsMetElsewhereThenLeaves() {
        ReplicaSets sets = new ReplicaSets(FOUR, Set.of("n2"), 3);
        assertTrue(sets.below(List.of("n1", "n2", "n3")));
        assertEquals(List.of("n1", "n2", "n3"), sets.settled(List.of("n1", "n2", "n3")), "kept: still a source");
        assertEquals(List.of("n1", "n3", "n4"), sets.settled(List.of("n1", "n2", "n3", "n4")));
    }

    @Test
    void aDrainingReplicaIsKeptWhileFewerThanROthersCanHoldIt() {
        ReplicaSets sets = new ReplicaSets(Set.of("n1", "n2", "n3"), Set.of("n3"), 3);
        assertFalse(sets.below(List.of("n1", "n2", "n3")), "the two others are all the target asks");
        assertEquals(List.of("n1", "n2", "n3"), sets.settled(List.of("n1", "n2", "n3")), "but n3's copy stays");
    }

    @Test
    void replicasBeyondTheTargetLeaveTheLastNamedFirst() {
        ReplicaSets sets = new ReplicaSets(FOUR, Set.of(), 2);
        assertEquals(List.of("n3", "n1"), sets.settled(List.of("n3", "n1", "n4")));
    }

    @Test
    void aMemberPresumedDeadStopsCountingStaysNamedAndCountsAgainWhenItAnswers() {
        ReplicaSets dead = new ReplicaSets(FOUR, Set.of(), Set.of("n3"), 3);
        assertEquals(3, dead.target(), "three members still take replicas");
        assertTrue(dead.below(List.of("n1", "n2", "n3")));
        assertEquals(List.of("n4"), dead.candidates("c", List.of("n1", "n2", "n3")));
        assertEquals(List.of("n1", "n2", "n3", "n4"), dead.settled(List.of("n1", "n2", "n3", "n4")),
                "n3 stays named, and is not asked to delete");
        ReplicaSets back = new ReplicaSets(FOUR, Set.of(), 3);
        assertEquals(List.of("n1", "n2", "n3"), back.settled(List.of("n1", "n2", "n3", "n4")),
                "once it answers, the copy made meanwhile is the one beyond the target");
    }

    @Test
    void withNoMoreThanRMembersADeadOnesChunksHaveNowhereToGo() {
        ReplicaSets sets = new ReplicaSets(Set.of("n1", "n2", "n3"), Set.of(), Set.of("n3"), 3);
        assertEquals(2, sets.target());
        assertFalse(sets.below(List.of("n1", "n2", "n3")));
        assertEquals(List.of(), sets.candidates("c", List.of("n1", "n2", "n3")));
    }
}
