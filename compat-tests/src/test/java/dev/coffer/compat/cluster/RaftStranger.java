package dev.coffer.compat.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.KeyStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteReplyProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.proto.grpc.RaftServerProtocolServiceGrpc;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.grpc.ManagedChannel;
import org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelBuilder;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContext;
import org.apache.ratis.thirdparty.io.grpc.stub.StreamObserver;
import org.apache.ratis.util.TimeDuration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Someone who reaches a cluster's Raft ports and knows the group's (public) id and the members'
 * ids and addresses, but holds none of the cluster's credentials: it speaks Ratis's client and
 * admin protocols through a Ratis client, and the server protocol through raw gRPC stubs.
 */
final class RaftStranger {
    static final RaftGroupId GROUP =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("coffer-catalogue".getBytes(StandardCharsets.UTF_8)));

    private final String name;
    private final List<RaftPeer> peers;
    private final Parameters parameters;
    /** The raw stubs' TLS, or null for plain gRPC. */
    private SslContext ssl;

    private RaftStranger(String name, List<RaftPeer> peers, Parameters parameters) {
        this.name = name;
        this.peers = peers;
        this.parameters = parameters;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A stranger speaking plain gRPC (no TLS) to the members listed in {@code DIR/peers}. */
    static RaftStranger plain(Path clusterDir) throws Exception {
        return new RaftStranger("a stranger speaking plain gRPC", peers(clusterDir), new Parameters());
    }

    /**
     * A stranger speaking mutual TLS as members do, trusting the cluster's CA (its certificate is
     * no secret), but with a certificate of its own CA: made by the same recipe, in {@code own}.
     */
    static RaftStranger withItsOwnCertificate(Path clusterDir, Path own) throws Exception {
        Path cluster = certificates(clusterDir);
        char[] password = password(clusterDir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(ownKeyStore(clusterDir, own))) {
            keys.load(in, password);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(cluster.resolve("trust.p12"))) {
            trusted.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(kmf.getKeyManagers()[0], tmf.getTrustManagers()[0], true));
        RaftStranger stranger = new RaftStranger("a stranger with a certificate of its own CA", peers(clusterDir), parameters);
        stranger.ssl = GrpcSslContexts.forClient().keyManager(kmf).trustManager(tmf).build();
        return stranger;
    }

    /** The cluster's certificate directory (scripts/cluster-local.sh keeps its path in DIR/tls-dir). */
    static Path certificates(Path clusterDir) throws Exception {
        return Path.of(Files.readString(clusterDir.resolve("tls-dir")).trim());
    }

    /** The password of the cluster's stores (and of the stranger's). */
    static char[] password(Path clusterDir) throws Exception {
        return Files.readString(certificates(clusterDir).resolve("password")).trim().toCharArray();
    }

    /**
     * A key store ({@code own/stranger.p12}, made once) with a certificate for 127.0.0.1 of a CA of
     * the stranger's own ({@code own/ca.p12}), made by the cluster's recipe under the cluster's password.
     */
    static Path ownKeyStore(Path clusterDir, Path own) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", LocalCluster.SCRIPT.resolveSibling("cluster-certs.sh").toString(),
                own.toString(), "stranger", "ip:127.0.0.1").redirectErrorStream(true);
        pb.environment().put("COFFER_CLUSTER_TLS_PASSWORD", new String(password(clusterDir)));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("cluster-certs.sh for the stranger failed: " + out);
        }
        return own.resolve("stranger.p12");
    }

    List<RaftPeer> peers() {
        return peers;
    }

    RaftPeer peer(String id) {
        return peers.stream().filter(p -> p.getId().toString().equals(id)).findFirst().orElseThrow();
    }

    /** A Ratis client of the group; it gives up after a few attempts. */
    RaftClient client() {
        return RaftClient.newBuilder()
                .setProperties(new RaftProperties())
                .setParameters(parameters)
                .setRaftGroup(RaftGroup.valueOf(GROUP, peers))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
                .build();
    }

    /**
     * A pre-vote request (it changes no term) to {@code target}, straight on the server protocol.
     *
     * @return the member's answer; fails if the call was refused
     */
    RequestVoteReplyProto preVote(RaftPeer target) throws Exception {
        ManagedChannel channel = channel(target);
        try {
            return RaftServerProtocolServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .requestVote(RequestVoteRequestProto.newBuilder()
                            .setServerRequest(rpc(target))
                            .setCandidateTerm(1)
                            .setCandidateLastEntry(TermIndexProto.newBuilder().setTerm(0).setIndex(0))
                            .setPreVote(true)
                            .build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * An empty appendEntries (a heartbeat) of a stale term 0 to {@code target}, which a member
     * answers without changing anything.
     *
     * @return the member's answer; fails if the call was refused
     */
    AppendEntriesReplyProto heartbeat(RaftPeer target) throws Exception {
        ManagedChannel channel = channel(target);
        CompletableFuture<AppendEntriesReplyProto> answer = new CompletableFuture<>();
        try {
            StreamObserver<AppendEntriesRequestProto> requests = RaftServerProtocolServiceGrpc.newStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .appendEntries(new StreamObserver<>() {
                        @Override
                        public void onNext(AppendEntriesReplyProto reply) {
                            answer.complete(reply);
                        }

                        @Override
                        public void onError(Throwable t) {
                            answer.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            answer.completeExceptionally(new IllegalStateException("the stream ended without an answer"));
                        }
                    });
            requests.onNext(AppendEntriesRequestProto.newBuilder()
                    .setServerRequest(rpc(target))
                    .setLeaderTerm(0)
                    .setLeaderCommit(0)
                    .build());
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    ManagedChannel channel(RaftPeer target) throws Exception {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target.getAddress());
        return (ssl == null ? builder.usePlaintext() : builder.sslContext(ssl)).build();
    }

    private static RaftRpcRequestProto rpc(RaftPeer target) {
        return RaftRpcRequestProto.newBuilder()
                .setRequestorId(ByteString.copyFromUtf8("stranger"))
                .setReplyId(target.getId().toByteString())
                .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(GROUP.toByteString()))
                .setCallId(1)
                .build();
    }

    private static List<RaftPeer> peers(Path clusterDir) throws Exception {
        List<RaftPeer> peers = new ArrayList<>();
        for (String entry : Files.readString(clusterDir.resolve("peers")).trim().split(",")) {
            String[] idAddress = entry.split("=", 2);
            peers.add(RaftPeer.newBuilder().setId(idAddress[0]).setAddress(idAddress[1]).build());
        }
        return peers;
    }
}
