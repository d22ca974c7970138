package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.api.DataStreamOutput;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.datastream.SupportedDataStreamType;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.io.StandardWriteOption;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.DataStreamReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.RoutingTable;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Not a test: the measurement behind "Transfer: DataStream or HTTP" in docs/cluster.md. Its name
 * matches none of surefire's test patterns, so {@code mvn verify} never runs it; name it to run it. Three nodes on
 * loopback in this JVM: a payload reaches three disks, fsynced on each, and one Raft command
 * commits. (a) Ratis 3.2 DataStream, as Ozone's datanodes stream chunks: the client streams to the
 * leader (primary), which forwards to the two others (star routing table); every server writes
 * its own file and forces it (SYNC), then CLOSE commits the stream's log entry. (b) Coffer's
 * internal transfer: {@link ClusterChunks} writes the chunk here and streams it to two
 * {@link ChunkTransferEndpoint}s while it is written, then one command is committed through the
 * same Ratis group. (c) As (b), but the chunk sent once written (before issue 20's streaming).
 * Prints the median of ROUNDS rounds per case and size.
 * <pre>mvn -B -o -q -pl api -am test -Dtest=TransferBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class TransferBench {
    private static final int ROUNDS = Integer.getInteger("coffer.bench.rounds", 5);
    private static final int PIECE = 1 << 20;
    @TempDir Path dir;

    /** Each stream is a file of its own, forced on SYNC; the log entry that links it carries nothing. */
    static final class FileMachine extends BaseStateMachine implements StateMachine.DataApi {
        private final Path files;
        private final AtomicLong next = new AtomicLong();

        FileMachine(Path files) {
            this.files = files;
        }

        @Override
        public CompletableFuture<DataStream> stream(RaftClientRequest request) {
            try {
                Path file = files.resolve("s" + next.incrementAndGet());
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                DataChannel data = new DataChannel() {
                    @Override
                    public int write(ByteBuffer src) throws IOException {
                        return channel.write(src);
                    }

                    @Override
                    public void force(boolean metadata) throws IOException {
                        channel.force(metadata);
                    }

                    @Override
                    public boolean isOpen() {
                        return channel.isOpen();
                    }

                    @Override
                    public void close() throws IOException {
                        channel.close();
                    }
                };
                return CompletableFuture.completedFuture(new DataStream() {
                    @Override
                    public DataChannel getDataChannel() {
                        return data;
                    }

                    @Override
                    public CompletableFuture<?> cleanUp() {
                        return CompletableFuture.runAsync(() -> {
                            try {
                                channel.close();
                                Files.deleteIfExists(file);
                            } catch (IOException ignored) {
                                // a bench's leftovers
                            }
                        });
                    }
                });
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<?> link(DataStream stream, LogEntryProto entry) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void measure() throws Exception {
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), List.of(peer("n1"), peer("n2"), peer("n3")));
        List<RaftServer> servers = new ArrayList<>();
        for (RaftPeer peer : group.getPeers()) {
            RaftProperties p = new RaftProperties();
            GrpcConfigKeys.Server.setPort(p, port(peer.getAddress()));
            RaftConfigKeys.DataStream.setType(p, SupportedDataStreamType.NETTY);
            NettyConfigKeys.DataStream.setPort(p, port(peer.getDataStreamAddress()));
            Path home = Files.createDirectories(dir.resolve(peer.getId().toString()));
            RaftServerConfigKeys.setStorageDir(p, List.of(home.resolve("raft").toFile()));
            RaftServer server = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group).setProperties(p)
                    .setStateMachine(new FileMachine(Files.createDirectories(home.resolve("streams"))))
                    .setOption(RaftStorage.StartupOption.FORMAT).build();
            server.start();
            servers.add(server);
        }
        RaftPeer leader = awaitLeader(servers, group);
        RaftProperties clientProperties = new RaftProperties();
        RaftConfigKeys.DataStream.setType(clientProperties, SupportedDataStreamType.NETTY);
        List<DisposableServer> https = new ArrayList<>();
        List<ChunkStore> stores = new ArrayList<>();
        try (RaftClient client = RaftClient.newBuilder().setProperties(clientProperties).setRaftGroup(group)
                .setLeaderId(leader.getId()).setPrimaryDataStreamServer(leader).build()) {
            RoutingTable star = RoutingTable.newBuilder().addSuccessors(leader.getId(), group.getPeers().stream()
                    .map(RaftPeer::getId).filter(id -> !id.equals(leader.getId())).toList()).build();
            Map<String, String> addresses = new LinkedHashMap<>();
            NodeAuth auth = new NodeAuth("bench-secret", Clock.systemUTC());
            dev.coffer.cluster.ClusterTls tls = dev.coffer.cluster.TestCertificates.tls(); // the chunk port's mutual TLS
            for (String node : List.of("n2", "n3")) {
                ChunkStore store = ChunkStore.open(dir.resolve("http-" + node), 64L << 20);
                stores.add(store);
                DisposableServer http = HttpServer.create().host("127.0.0.1").port(0)
                        .secure(spec -> spec.sslContext(ChunkPort.mutualTls(tls)))
                        .handle(new ReactorHttpHandlerAdapter(new ChunkTransferEndpoint(store, auth, node, null))).bindNow();
                https.add(http);
                addresses.put(node, "127.0.0.1:" + http.port());
            }
            ChunkStore local = ChunkStore.open(dir.resolve("http-n1"), 64L << 20);
            stores.add(local);
            PeerChunks peers = new PeerChunks(addresses, node -> java.util.Optional.empty(), auth, tls.sslContext(),
                    new ChunkTraffic());
            ClusterChunks chunks = new ClusterChunks(local, "n1", 3, () -> List.of("n1", "n2", "n3"), Set::of, peers,
                    new PeerSpace(peers, "n1", () -> List.of("n1", "n2", "n3")), dev.coffer.metadata.ChunkPointer::replicas);

            System.out.printf("transfer bench: %d rounds, load %s%n", ROUNDS, Files.readString(Path.of("/proc/loadavg")).trim());
            for (int size : new int[] {4096, 64 << 20}) {
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                Map<String, List<Double>> ms = new LinkedHashMap<>();
                for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up, not counted
                    record(ms, round, "ratis-datastream", () -> viaDataStream(client, star, payload));
                    record(ms, round, "http-streamed", () -> viaHttp(chunks, local, client, payload, true));
                    record(ms, round, "http-after-write", () -> viaHttp(chunks, local, client, payload, false));
                }
                ms.forEach((name, list) -> System.out.printf("transfer bench: %-17s %9d B  median %8.1f ms  (%s)%n",
                        name, size, median(list), list));
            }
        } finally {
            https.forEach(DisposableServer::disposeNow);
            stores.forEach(ChunkStore::close);
            for (RaftServer server : servers) server.close();
        }
    }

    private interface Case {
        void run() throws Exception;
    }

    private static void record(Map<String, List<Double>> ms, int round, String name, Case run) throws Exception {
        long start = System.nanoTime();
        run.run();
        double took = (System.nanoTime() - start) / 1e6;
        if (round > 0) ms.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.round(took * 10) / 10.0);
    }

    private static void viaDataStream(RaftClient client, RoutingTable routing, byte[] payload) throws Exception {
        DataStreamOutput out = client.getDataStreamApi().stream(ByteBuffer.wrap("bench".getBytes()), routing);
        List<CompletableFuture<DataStreamReply>> writes = new ArrayList<>();
        for (int at = 0; at < payload.length; at += PIECE) {
            int n = Math.min(PIECE, payload.length - at);
            boolean last = at + n == payload.length;
            ByteBuffer piece = ByteBuffer.wrap(payload, at, n);
            writes.add(last ? out.writeAsync(piece, StandardWriteOption.SYNC, StandardWriteOption.CLOSE) : out.writeAsync(piece));
        }
        for (CompletableFuture<DataStreamReply> write : writes) assertThat(write.get(120, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(out.getRaftClientReplyFuture().get(120, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    private static void viaHttp(ClusterChunks chunks, ChunkStore local, RaftClient client, byte[] payload, boolean streamed)
            throws Exception {
        List<ChunkRef> written;
        try (ChunkWriter writer = streamed ? chunks.newWriter(null) : local.newWriter(null)) {
            for (int at = 0; at < payload.length; at += 64 << 10) {
                writer.write(ByteBuffer.wrap(payload, at, Math.min(64 << 10, payload.length - at)));
            }
            written = writer.finish();
        }
        List<ChunkRef> placed = chunks.replicate(written);
        assertThat(placed.get(0).replicas()).hasSize(3);
        assertThat(client.io().send(Message.valueOf("publish")).isSuccess()).isTrue();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static RaftPeer peer(String id) throws IOException {
        return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress("127.0.0.1:" + freePort())
                .setDataStreamAddress("127.0.0.1:" + freePort()).build();
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static RaftPeer awaitLeader(List<RaftServer> servers, RaftGroup group) throws Exception {
        for (int i = 0; i < 600; i++) {
            for (RaftServer server : servers) {
                if (server.getDivision(group.getGroupId()).getInfo().isLeader()) {
                    return group.getPeer(server.getId());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no leader within 60 s");
    }
}
