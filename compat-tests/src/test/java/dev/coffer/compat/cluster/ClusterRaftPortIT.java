package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * The Raft port of a cluster node listens on the network, and only members may speak on it: its
 * gRPC server answers only callers with a certificate of the cluster's CA (mutual TLS), so a
 * stranger — speaking plain gRPC, or TLS with a certificate of its own — can neither move the
 * leadership nor change the membership (Ratis's admin protocol), nor be answered on the server
 * protocol (requestVote, appendEntries). Behind that, a log entry that a member did not seal with
 * the key every member derives from the shared root secret is refused by the leader (here: delete
 * another's bucket, the encoding being public in metadata/COMMANDS.md and cluster's Proposal);
 * and a connection left idle is closed, as on the S3 port.
 */
class ClusterRaftPortIT {
    /**
     * The shared cluster: these tests change nothing when Coffer holds. (The idle-connection test needs
     * no short coffer.connection.idle-timeout: its stranger never completes the TLS handshake.)
     */
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.SHARED;

    @Test
    void aCommandSentToTheRaftPortByAStrangerIsRefusedAndChangesNothing() throws Exception {
        try (S3Client s3 = cluster.client(1)) {
            s3.createBucket(r -> r.bucket("victim"));
        }
        RaftClientReply reply;
        try (RaftClient stranger = RaftStranger.plain(cluster.dir).client()) {
            reply = stranger.io().send(Message.valueOf(ByteString.copyFrom(unsealedProposal(deleteBucket("victim")))));
        } catch (java.io.IOException e) {
            reply = null; // refused outright: as good as a failed reply
        }
        if (reply != null) {
            assertThat(reply.isSuccess()).as("the leader's answer to a stranger's entry").isFalse();
        }
        for (int i = 1; i <= 3; i++) {
            try (S3Client s3 = cluster.client(i)) {
                assertThat(s3.listBuckets().buckets()).as("buckets on node %d", i)
                        .extracting(Bucket::name).contains("victim");
            }
        }
    }

    /**
     * Ratis's admin protocol: a stranger asks the leader to hand the leadership to a follower.
     * Refused, the leader stays.
     */
    @Test
    void aStrangerCannotMoveTheLeadership() throws Exception {
        int leader = cluster.leader();
        String follower = "n" + (leader % 3 + 1);
        for (RaftStranger stranger : strangers()) {
            RaftClientReply reply;
            try (RaftClient client = stranger.client()) {
                reply = client.admin().transferLeadership(RaftPeerId.valueOf(follower), 20_000);
            } catch (java.io.IOException e) {
                reply = null; // refused outright
            }
            if (reply != null) {
                assertThat(reply.isSuccess()).as("the answer to %s's transferLeadership", stranger).isFalse();
            }
            assertThat(cluster.leader()).as("the leader after %s's transferLeadership", stranger).isEqualTo(leader);
        }
    }

    /**
     * Ratis's admin protocol: a stranger asks for a configuration without one of the members.
     * Refused, every node keeps all three members.
     */
    @Test
    void aStrangerCannotRemoveAMember() throws Exception {
        for (RaftStranger stranger : strangers()) {
            String follower = "n" + (cluster.leader() % 3 + 1);
            List<RaftPeer> fewer = new ArrayList<>(stranger.peers());
            fewer.removeIf(p -> p.getId().toString().equals(follower));
            RaftClientReply reply;
            try (RaftClient client = stranger.client()) {
                reply = client.admin().setConfiguration(fewer);
            } catch (java.io.IOException e) {
                reply = null;
            }
            if (reply != null) {
                assertThat(reply.isSuccess()).as("the answer to %s's setConfiguration", stranger).isFalse();
            }
            for (int i = 1; i <= 3; i++) {
                assertThat(cluster.admin(i, "/_coffer/cluster")).as("node %d's view after %s's setConfiguration", i, stranger)
                        .contains("\"n1\":", "\"n2\":", "\"n3\":");
            }
        }
    }

    /**
     * Ratis's server protocol, which only members should speak: a pre-vote and an empty
     * appendEntries of a stale term (both change nothing when answered) get no answer from any
     * member.
     */
    @Test
    void aStrangerGetsNoAnswerOnTheServerProtocol() throws Exception {
        for (RaftStranger stranger : strangers()) {
            for (RaftPeer member : stranger.peers()) {
                assertThatThrownBy(() -> stranger.preVote(member)).as("%s's requestVote to %s", stranger, member.getId())
                        .isInstanceOf(StatusRuntimeException.class);
                assertThatThrownBy(() -> stranger.heartbeat(member)).as("%s's appendEntries to %s", stranger, member.getId())
                        .hasCauseInstanceOf(StatusRuntimeException.class);
            }
        }
    }

    /** Strangers: one that speaks plain gRPC, one with a certificate the cluster's CA did not sign. */
    private static List<RaftStranger> strangers() throws Exception {
        return List.of(RaftStranger.plain(cluster.dir),
                RaftStranger.withItsOwnCertificate(cluster.dir, cluster.dir.resolve("stranger-tls")));
    }

    /**
     * A stranger's connection to a Raft port that sends nothing is closed: it never completes
     * the TLS handshake, which the server gives up after Netty's 10 s (a member's connection with
     * no call in progress is closed after the idle timeout, gRPC's maxConnectionIdle; gRPC's
     * default keeps both for ever, so such connections could pile up until the node runs out of
     * file descriptors).
     */
    @Test
    void anIdleConnectionToTheRaftPortIsClosed() throws Exception {
        String[] hostPort = RaftStranger.plain(cluster.dir).peers().get(0).getAddress().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(60_000); // a bound on the wait, far past the 10 s handshake timeout
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) >= 0) {
                    // nothing comes before the server gives up and closes
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the Raft port kept an idle connection open for 60 s", e);
            } catch (SocketException e) {
                // reset by the server: closed as well
            }
        }
    }

    /** cluster's Proposal, format 1: 0x01 | i64 proposer | i64 number | command. */
    private static byte[] unsealedProposal(byte[] command) {
        return ByteBuffer.allocate(17 + command.length).put((byte) 1).putLong(42).putLong(1).put(command).array();
    }

    /** metadata/COMMANDS.md: 0x01 | byte kind (2, DeleteBucket) | i64 sequence, millis, stamp, random | str bucket. */
    private static byte[] deleteBucket(String bucket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(2);
        ByteBuffer choice = ByteBuffer.allocate(32).putLong(1L << 40).putLong(System.currentTimeMillis())
                .putLong(System.currentTimeMillis() << 20).putLong(7);
        out.writeBytes(choice.array());
        byte[] name = bucket.getBytes(StandardCharsets.UTF_8);
        out.write(name.length + 1); // var: UTF-8 length + 1 (one byte below 128)
        out.writeBytes(name);
        return out.toByteArray();
    }
}
