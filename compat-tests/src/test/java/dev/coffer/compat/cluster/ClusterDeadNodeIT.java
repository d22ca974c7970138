package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.Awaits;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A node that does not come back (docs/cluster.md, "A node that does not come back"): four Coffer
 * processes started by {@code scripts/cluster-local.sh}, R = 3, 1 MiB chunks, passes every 2 s,
 * {@code coffer.cluster.dead-after} 15 s. A follower killed by kill -9 is presumed dead by the
 * leader's health once it has not answered for that long, and every chunk it held is copied to the
 * fourth node, so each is on three live nodes again; when it comes back it counts again: the leader
 * no longer presumes it dead, it keeps its replicas and each chunk is on exactly three nodes again
 * (the copy made meanwhile is deleted). Waits are bounded loops, never timed assertions.
 */
class ClusterDeadNodeIT {
    private static final String SETTINGS = "--coffer.max-chunk-size=1048576 --coffer.cluster.repair-interval=2s"
            + " --coffer.cluster.dead-after=15s";
    private static final long WAIT_SECONDS = 300;
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.perClass(4, SETTINGS);

    @Test
    @Timeout(1200)
    void aFollowerNotHeardFromForDeadAfterHasItsChunksCopiedElsewhereAndCountsAgainWhenItReturns() throws Exception {
        ClusterObjects objects = new ClusterObjects(cluster);
        try (S3Client a = cluster.client(1)) {
            a.createBucket(r -> r.bucket("data"));
            Random random = new Random(73);
            for (int i = 0; i < 8; i++) {
                byte[] bytes = new byte[600 * 1024 + random.nextInt(1024 * 1024)];
                random.nextBytes(bytes);
                String key = "object-" + i;
                a.putObject(r -> r.bucket("data").key(key), RequestBody.fromBytes(bytes));
                objects.acknowledged(key, bytes);
            }
        }
        Set<String> all = new HashSet<>();
        for (int n = 1; n <= 4; n++) all.addAll(cluster.chunkIds(n));
        assertThat(all).as("chunks written").hasSizeGreaterThanOrEqualTo(8);
        for (String id : all) assertThat(holders(id, 0)).as("holders of %s", id).isEqualTo(3);

        int leader = Awaits.await(() -> leaderOrNone(), l -> l > 0, "a leader", WAIT_SECONDS, 1000);
        int victim = leader == 4 ? 3 : 4;
        Set<String> held = new HashSet<>(cluster.chunkIds(victim));
        assertThat(held).as("chunks on node %d", victim).isNotEmpty();
        cluster.killNine(victim);

        String dead = "\"n" + victim + "\":\\{[^}]*\"presumedDead\":true";
        Awaits.await(() -> health(leader), h -> Pattern.compile(dead).matcher(h).find(),
                "the leader presuming node " + victim + " dead", WAIT_SECONDS, 1000);
        Awaits.await(() -> short3(all, victim), Set::isEmpty,
                "every chunk on three live nodes without node " + victim, WAIT_SECONDS, 1000);
        int survivor = victim == 1 ? 2 : 1;
        try (S3Client s = cluster.client(survivor)) {
            objects.assertAllReadBack(s);
        }

        cluster.restart(victim);
        String alive = "\"n" + victim + "\":\\{[^}]*\"presumedDead\":false";
        Awaits.await(() -> health(leader), h -> Pattern.compile(alive).matcher(h).find(),
                "the leader counting node " + victim + " again", WAIT_SECONDS, 1000);
        Awaits.await(() -> notExactly3(all), Set::isEmpty, "every chunk on exactly three nodes again", WAIT_SECONDS, 1000);
        assertThat(cluster.chunkIds(victim)).as("node %d keeps the replicas it had", victim).containsAll(held);
        try (S3Client v = cluster.client(victim)) {
            objects.assertAllReadBack(v);
        }
    }

    private static int leaderOrNone() {
        try {
            return cluster.leader();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String health(int node) {
        try {
            return cluster.health(node);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** On how many nodes other than {@code except} (0: none excepted) chunk {@code id} is. */
    private static int holders(String id, int except) {
        int count = 0;
        for (int n = 1; n <= 4; n++) {
            try {
                if (n != except && cluster.chunkIds(n).contains(id)) count++;
            } catch (java.io.IOException e) {
                // a store being rebuilt: not a holder now
            }
        }
        return count;
    }

    private static Set<String> short3(Set<String> ids, int except) {
        Set<String> out = new HashSet<>();
        for (String id : ids) if (holders(id, except) < 3) out.add(id);
        return out;
    }

    private static Set<String> notExactly3(Set<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : ids) counts.put(id, holders(id, 0));
        Set<String> out = new HashSet<>();
        counts.forEach((id, n) -> {
            if (n != 3) out.add(id + "@" + n);
        });
        return out;
    }
}
