package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage overview the drive's admin console shows, on a cluster of three real processes: each
 * node names the members and the leader it knows; the leader also tells how long ago each
 * follower last answered it; the figures are the replicated catalogue's.
 */
class ClusterOverviewIT {
    private static final Pattern MEMBER = Pattern.compile("\\{\"id\":\"(n\\d)\",\"address\":\"[^\"]+\",\"role\":\"(\\w+)\",\"self\":(\\w+)(,\"lastContactMillis\":\\d+)?\\}");
    private static LocalCluster cluster;

    @BeforeAll
    @Timeout(450) // three JVMs starting at once took 150 s each at load 40 on the 2-core machine
    static void up() throws Exception {
        cluster = LocalCluster.up(3, "--coffer.gc-interval=1h");
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** (id, role, self, tracked) of each member in a node's overview. */
    private static List<String> members(String overview) {
        Matcher m = MEMBER.matcher(overview);
        return m.results().map(r -> r.group(1) + " " + r.group(2) + " " + r.group(3) + " " + (r.group(4) != null)).toList();
    }

    @Test
    void theLeaderSeesEveryMemberAndWhenEachFollowerLastAnswered() throws Exception {
        int leader = cluster.leader();
        assertThat(leader).isPositive();
        try (S3Client s3 = cluster.client(leader)) {
            s3.createBucket(b -> b.bucket("overview"));
            s3.putObject(b -> b.bucket("overview").key("one"), RequestBody.fromString("12345"));
        }
        String seenByLeader = cluster.admin(leader, "/_coffer/admin/overview?recount=true");
        assertThat(seenByLeader).contains("\"objects\":1,\"bytes\":5,")
                .contains("\"cluster\":{\"node\":\"n" + leader + "\",\"leader\":\"n" + leader + "\"");
        List<String> fromLeader = members(seenByLeader);
        assertThat(fromLeader).as(seenByLeader).hasSize(3)
                .contains("n" + leader + " leader true false")
                .filteredOn(m -> !m.startsWith("n" + leader)).allMatch(m -> m.endsWith(" follower false true"));

        int follower = leader % 3 + 1;
        String seenByFollower = cluster.admin(follower, "/_coffer/admin/overview");
        assertThat(members(seenByFollower)).as(seenByFollower)
                .containsExactlyInAnyOrder("n1 " + role(1, leader) + " " + (follower == 1) + " false",
                        "n2 " + role(2, leader) + " " + (follower == 2) + " false",
                        "n3 " + role(3, leader) + " " + (follower == 3) + " false");
    }

    private static String role(int node, int leader) {
        return node == leader ? "leader" : "follower";
    }
}
