package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage overview the drive's admin console shows, on a cluster of three real processes: each
 * node names the members and the leader it knows; the leader also tells how long ago each
 * follower last answered it; the figures are the replicated catalogue's.
 */
class ClusterOverviewIT {
    private static final Pattern MEMBER = Pattern.compile("\\{\"id\":\"(n\\d)\",\"address\":\"[^\"]+\",\"role\":\"(\\w+)\",\"self\":(\\w+)(,\"lastContactMillis\":\\d+)?\\}");
    private static final Pattern FIGURES = Pattern.compile("\"objects\":(\\d+),\"bytes\":(\\d+),");
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.SHARED;

    /** (id, role, self, tracked) of each member in a node's overview. */
    private static List<String> members(String overview) {
        Matcher m = MEMBER.matcher(overview);
        return m.results().map(r -> r.group(1) + " " + r.group(2) + " " + r.group(3) + " " + (r.group(4) != null)).toList();
    }

    @Test
    void theLeaderSeesEveryMemberAndWhenEachFollowerLastAnswered() throws Exception {
        int leader = cluster.leader();
        assertThat(leader).isPositive();
        // The cluster is shared: other classes' objects may be there already; this one adds one of 5 bytes.
        long[] before = figures(cluster.admin(leader, "/_coffer/admin/overview?recount=true"));
        try (S3Client s3 = cluster.client(leader)) {
            s3.createBucket(b -> b.bucket("overview"));
            s3.putObject(b -> b.bucket("overview").key("one"), RequestBody.fromString("12345"));
        }
        String seenByLeader = cluster.admin(leader, "/_coffer/admin/overview?recount=true");
        assertThat(figures(seenByLeader)).as(seenByLeader).containsExactly(before[0] + 1, before[1] + 5);
        assertThat(seenByLeader)
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

    /** The catalogue's objects and bytes in an overview. */
    private static long[] figures(String overview) {
        Matcher m = FIGURES.matcher(overview);
        assertThat(m.find()).as(overview).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static String role(int node, int leader) {
        return node == leader ? "leader" : "follower";
    }
}
