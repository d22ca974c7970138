package dev.coffer.api.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coffer.cluster.RaftStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which members the leader presumes dead, from Ratis's contact times as {@link RaftStatus} carries them. */
class PresumedDeadTest {
    private static final Set<String> FOUR = Set.of("n1", "n2", "n3", "n4");

    @Test
    void theLeaderPresumesDeadTheFollowersItHasNotHeardFromForLongerThanDeadAfter() {
        RaftStatus leader = new RaftStatus("n1", "leader", 3, 10, 10, Optional.of("n1"), FOUR,
                Map.of("n2", 200L, "n3", 15_001L, "n4", 15_000L));
        assertEquals(Set.of("n3"), PresumedDead.among(leader, Duration.ofSeconds(15)));
        assertEquals(Set.of("n3", "n4"), PresumedDead.among(leader, Duration.ofSeconds(10)));
    }

    @Test
    void aFollowerPresumesNoOneDeadNotEvenALeaderItLostTouchWith() {
        RaftStatus follower = new RaftStatus("n2", "follower", 3, 10, 10, Optional.of("n1"), FOUR, Map.of("n1", 60_000L));
        assertEquals(Set.of(), PresumedDead.among(follower, Duration.ofSeconds(15)));
    }

    @Test
    void aPeerNoLongerAMemberIsNotReported() {
        RaftStatus leader = new RaftStatus("n1", "leader", 3, 10, 10, Optional.of("n1"), Set.of("n1", "n2"),
                Map.of("n2", 1L, "n5", 99_000L));
        assertEquals(Set.of(), PresumedDead.among(leader, Duration.ofSeconds(15)));
    }
}
