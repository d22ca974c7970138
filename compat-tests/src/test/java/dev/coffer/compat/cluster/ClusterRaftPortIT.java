package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * The Raft port of a cluster node listens on the network; anyone who reaches it speaks Ratis's
 * client protocol. A log entry that a member did not seal with the key every member derives from
 * the shared root secret is refused by the leader before it reaches the log, so a stranger cannot
 * make the catalogue apply a command of its own (here: delete another's bucket, the encoding
 * being public in metadata/COMMANDS.md and cluster's Proposal); and a connection it leaves idle
 * is closed, as on the S3 port.
 */
class ClusterRaftPortIT {
    /** The idle timeout every port of a node keeps (coffer.connection.idle-timeout), short for the test. */
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.perClass(3, "--coffer.connection.idle-timeout=3s");

    private static final RaftGroupId GROUP =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("coffer-catalogue".getBytes(StandardCharsets.UTF_8)));

    @Test
    void aCommandSentToTheRaftPortByAStrangerIsRefusedAndChangesNothing() throws Exception {
        try (S3Client s3 = cluster.client(1)) {
            s3.createBucket(r -> r.bucket("victim"));
        }
        RaftClientReply reply;
        try (RaftClient stranger = strangerClient()) {
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
     * A stranger's HTTP/2 connection to a Raft port that completes the handshake and then calls
     * nothing is closed after the idle timeout (gRPC's default keeps it for ever, so such
     * connections could pile up until the node runs out of file descriptors).
     */
    @Test
    void anIdleConnectionToTheRaftPortIsClosed() throws Exception {
        String[] hostPort = peerAddresses().get(0).split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(60_000); // a bound on the wait, far past the 3 s idle timeout
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.write(new byte[] {0, 0, 0, 4, 1, 0, 0, 0, 0}); // and the ack of the server's
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) >= 0) {
                    // the server's SETTINGS, its ack, then a GOAWAY before it closes
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the Raft port kept an idle connection open for 60 s", e);
            } catch (SocketException e) {
                // reset by the server: closed as well
            }
        }
    }

    private static List<String> peerAddresses() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (String entry : Files.readString(cluster.dir.resolve("peers")).trim().split(",")) {
            addresses.add(entry.split("=", 2)[1]);
        }
        return addresses;
    }

    /** A Ratis client of the group, knowing the members' Raft addresses and nothing else. */
    private static RaftClient strangerClient() throws Exception {
        List<RaftPeer> peers = new ArrayList<>();
        for (String entry : Files.readString(cluster.dir.resolve("peers")).trim().split(",")) {
            String[] idAddress = entry.split("=", 2);
            peers.add(RaftPeer.newBuilder().setId(idAddress[0]).setAddress(idAddress[1]).build());
        }
        return RaftClient.newBuilder()
                .setProperties(new RaftProperties())
                .setRaftGroup(RaftGroup.valueOf(GROUP, peers))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
                .build();
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
