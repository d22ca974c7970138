package dev.coffer.cluster;

import dev.coffer.metadata.AppliedIndex;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CommandLog;
import dev.coffer.metadata.MetadataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One Coffer node's member of the catalogue's Raft group (Apache Ratis over gRPC, on its own
 * port): the catalogue's {@link CommandLog}, a ReadIndex barrier for reads, and the admin calls
 * that change the membership. Every node's catalogue applies the same commands in the same
 * order; a node that takes a request proposes its command through a Ratis client, which sends it
 * to the leader wherever it is, and answers once its own catalogue has applied it.
 */
public final class ClusterNode implements CommandLog, AutoCloseable {
    /** One group for Coffer's catalogue; its id is fixed so that every node names the same group. */
    static final RaftGroupId GROUP = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("coffer-catalogue".getBytes(StandardCharsets.UTF_8)));
    /** How long a command may wait for a leader and a quorum before it fails. */
    private static final long APPLY_TIMEOUT_SECONDS = 30;

    private final ClusterConfig config;
    private final Catalog catalog;
    private final CatalogStateMachine machine;
    private final ProposalSeal seal;
    private final RaftServer server;
    private final RaftProperties properties;
    /** The gRPC settings of the server and of every client this node makes: mutual TLS, the idle timeout. */
    private final Parameters parameters;
    /** Replaced when the group's membership changes: a client knows only the peers it was built with. */
    private volatile RaftClient client;
    private volatile java.util.Set<RaftPeer> clientPeers;
    private final long self = ThreadLocalRandom.current().nextLong();
    private final AtomicLong proposals = new AtomicLong();

    private ClusterNode(ClusterConfig config, Catalog catalog) throws IOException {
        this.config = config;
        this.catalog = catalog;
        this.seal = new ProposalSeal(config.sharedSecret());
        Path ratis = config.storage().resolve("ratis");
        this.machine = new CatalogStateMachine(catalog.replica(), self, seal, config.storage().resolve("checkpoints"));
        this.properties = properties(config, ratis);
        this.parameters = parameters(config);
        RaftGroup group = config.join() ? RaftGroup.valueOf(GROUP) : RaftGroup.valueOf(GROUP, peers(config.peers()));
        boolean formatted = Files.isDirectory(ratis.resolve(GROUP.getUuid().toString()));
        this.server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(machine)
                .setParameters(parameters)
                .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        this.clientPeers = java.util.Set.copyOf(peers(config.peers()));
        this.client = client(clientPeers);
        machine.onMembers(this::followMembers);
    }

    private RaftClient client(Collection<RaftPeer> peers) {
        return RaftClient.newBuilder()
                .setProperties(properties)
                .setParameters(parameters)
                .setRaftGroup(RaftGroup.valueOf(GROUP, peers))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        300, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
    }

    /**
     * A membership committed to the log (an added or removed node, or one replayed at start): the
     * client that proposes and reads is rebuilt with it, since a Ratis client tries only the peers
     * it knows when its leader is unreachable. Calls in flight finish on the old client, closed a
     * minute later (past every call's timeout).
     */
    private synchronized void followMembers(List<RaftPeer> members) {
        java.util.Set<RaftPeer> now = java.util.Set.copyOf(members);
        if (members.isEmpty() || now.equals(clientPeers) || closed) return;
        RaftClient old = client;
        clientPeers = now;
        client = client(now);
        CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(() -> closeQuietly(old));
    }

    /** The ids of the peers this node's client knows (for tests). */
    java.util.Set<String> clientPeerIds() {
        return clientPeers.stream().map(p -> p.getId().toString()).collect(java.util.stream.Collectors.toSet());
    }

    private static void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // a retired client: nothing depends on it any more
        }
    }

    /**
     * Starts this node's Raft server and routes every change of {@code catalog} through the log.
     * The catalogue must be open and not yet serving.
     */
    public static ClusterNode start(ClusterConfig config, Catalog catalog) throws IOException {
        RaftPort.checkFree(config);
        ClusterNode node = new ClusterNode(config, catalog);
        try {
            node.server.start();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        catalog.appendCommandsTo(node);
        return node;
    }

    private static RaftProperties properties(ClusterConfig config, Path storage) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, new CatalogRpc()); // gRPC, with a repaired log appender
        GrpcConfigKeys.Server.setPort(p, ClusterConfig.port(config.address()));
        if (!config.bindHost().isEmpty()) {
            GrpcConfigKeys.Server.setHost(p, config.bindHost()); // else every interface
        }
        RaftServerConfigKeys.setStorageDir(p, List.of(storage.toFile()));
        // Reads see every write acknowledged before they began, on any node (ReadIndex).
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // Elections wait out a busy machine's pauses rather than churn leaders.
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(1024, config.snapshotEvery()));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, config.snapshotEvery()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.segmentBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(config.segmentBytes(), 4L << 20)));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        // A busy machine answers in seconds, not milliseconds; a request that times out is retried.
        org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
        return p;
    }

    /**
     * Only members speak on the Raft port: its server and every client of this node use mutual TLS
     * (a caller without a certificate of the cluster's CA gets no answer, not even to Ratis's
     * admin and server protocols, which Coffer does not seal). A connection with no call in
     * progress is closed after the idle timeout, as the S3 port closes one (gRPC keeps it forever
     * by default).
     */
    private static Parameters parameters(ClusterConfig config) {
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, config.tls().grpc());
        long idleMillis = config.idleTimeout().toMillis();
        GrpcConfigKeys.Server.setServicesCustomizer(parameters,
                (builder, services) -> builder.maxConnectionIdle(idleMillis, TimeUnit.MILLISECONDS));
        return parameters;
    }

    private static List<RaftPeer> peers(Map<String, String> peers) {
        List<RaftPeer> out = new ArrayList<>();
        peers.forEach((id, address) -> out.add(peer(id, address)));
        return out;
    }

    private static RaftPeer peer(String id, String address) {
        return RaftPeer.newBuilder().setId(id).setAddress(address).build();
    }

    /**
     * Proposes the encoded command and waits until this node's catalogue has applied it.
     *
     * @return what applying it gave
     * @throws dev.coffer.metadata.CatalogRefusal if it was refused where it was applied
     * @throws MetadataException if no leader committed it in time
     */
    @Override
    public Object append(byte[] command) {
        long number = proposals.incrementAndGet();
        CompletableFuture<Object> applied = machine.awaitApplied(number);
        try {
            RaftClientReply reply = client.io().send(Message.valueOf(
                    org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                            new Proposal(self, number, command).encode(seal))));
            if (!reply.isSuccess()) {
                throw new ClusterUnavailableException("the cluster did not commit the change", reply.getException());
            }
            return applied.get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new MetadataException("applying the change failed", e.getCause());
        } catch (IOException | TimeoutException e) {
            throw new ClusterUnavailableException("the cluster did not commit the change", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("interrupted while the cluster committed the change", e);
        } finally {
            machine.forget(number);
        }
    }

    /**
     * Completes once this node's catalogue holds every change committed before the call (a
     * ReadIndex round with the leader: the server's read option is LINEARIZABLE); a read made
     * after it is linearizable. Unordered: barriers need no order among themselves. While this node
     * knows no leader yet (it just started, or an election is on) it retries for up to {@value
     * #BARRIER_RETRY_SECONDS} seconds.
     */
    public CompletableFuture<Void> readBarrier() {
        return readBarrier(System.nanoTime() + TimeUnit.SECONDS.toNanos(BARRIER_RETRY_SECONDS));
    }

    private static final long BARRIER_RETRY_SECONDS = 30;

    private CompletableFuture<Void> readBarrier(long deadline) {
        return client.async().sendReadOnlyUnordered(Message.EMPTY, RaftPeerId.valueOf(config.nodeId()))
                .handle((reply, failure) -> {
                    if (failure == null && reply.isSuccess()) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Throwable cause = failure != null ? failure : reply.getException();
                    if (System.nanoTime() - deadline > 0) {
                        return CompletableFuture.<Void>failedFuture(
                                new ClusterUnavailableException("this node could not catch up with the cluster", cause));
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                            .thenCompose(x -> readBarrier(deadline));
                })
                .thenCompose(f -> f);
    }

    /** Adds a member (started with {@link ClusterConfig#join()}); returns once the group committed it. */
    public void addMember(String id, String address) throws IOException {
        List<RaftPeer> peers = new ArrayList<>(currentPeers());
        peers.removeIf(p -> p.getId().toString().equals(id));
        peers.add(peer(id, address));
        setConfiguration(peers);
    }

    /** Removes a member; returns once the group committed it. */
    public void removeMember(String id) throws IOException {
        List<RaftPeer> peers = new ArrayList<>(currentPeers());
        if (!peers.removeIf(p -> p.getId().toString().equals(id))) {
            throw new IllegalArgumentException("no member " + id);
        }
        setConfiguration(peers);
    }

    private void setConfiguration(List<RaftPeer> peers) throws IOException {
        RaftClientReply reply = client.admin().setConfiguration(peers);
        if (!reply.isSuccess()) {
            throw new IOException("the membership change failed", reply.getException());
        }
    }

    private Collection<RaftPeer> currentPeers() throws IOException {
        return server.getDivision(GROUP).getRaftConf().getCurrentPeers();
    }

    /** The members of the group as this node knows them, by id, with their Raft addresses. */
    public Map<String, String> members() throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        for (RaftPeer p : currentPeers()) {
            out.put(p.getId().toString(), p.getAddress());
        }
        return out;
    }

    /** The leader's id as this node knows it, if it knows one. */
    public Optional<String> leader() {
        try {
            RaftPeerId id = server.getDivision(GROUP).getInfo().getLeaderId();
            return Optional.ofNullable(id).map(RaftPeerId::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * On the leader, how long ago each follower last answered it, in milliseconds, by id (Ratis's
     * {@code lastRpcElapsedTime}); empty on a follower, which does not track its peers.
     */
    public Map<String, Long> followersLastContactMillis() {
        try {
            RaftStatus status = status();
            return status.role().equals("leader") ? status.lastContactMillis() : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** This node's view of the group now: role, term, commit and applied index, contact with peers. */
    public RaftStatus status() throws IOException {
        RaftServer.Division division = server.getDivision(GROUP);
        org.apache.ratis.server.DivisionInfo info = division.getInfo();
        RoleInfoProto role = info.getRoleInfoProto();
        Map<String, Long> contact = new java.util.TreeMap<>();
        if (role.hasLeaderInfo()) {
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                contact.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
            }
        } else if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            ServerRpcProto leader = role.getFollowerInfo().getLeaderInfo();
            contact.put(leader.getId().getId().toStringUtf8(), leader.getLastRpcElapsedTimeMs());
        }
        return new RaftStatus(config.nodeId(), info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT),
                info.getCurrentTerm(), division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(),
                leader(), members().keySet(), contact);
    }

    /** Whether this node is the group's leader now, as far as it knows. */
    public boolean isLeader() {
        try {
            return server.getDivision(GROUP).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** The members' mutual TLS, which the chunk port speaks too. */
    public ClusterTls tls() {
        return config.tls();
    }

    /** The last log entry this node's catalogue applied. */
    public AppliedIndex applied() {
        return catalog.replica().applied();
    }

    private volatile boolean closed;

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
        }
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
