package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Chunks streamed to their replicas while written, with real transfer endpoints on loopback: a
 * replica that fails (one answering 500 after the stream, one not listening) is replaced by
 * another member; when too few are left the write fails and no copy stays anywhere.
 */
class ClusterChunksTest {
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3", "n4");
    @TempDir Path dir;
    private final List<DisposableServer> servers = new ArrayList<>();
    private final Map<String, ChunkStore> stores = new LinkedHashMap<>();
    private final Map<String, URI> addresses = new LinkedHashMap<>();
    private final NodeAuth auth = new NodeAuth("test-secret", Clock.systemUTC());

    @AfterEach
    void stop() {
        servers.forEach(DisposableServer::disposeNow);
        stores.values().forEach(ChunkStore::close);
    }

    /** A member whose endpoint answers; {@code broken}: its store is closed, so it fails every receive. */
    private void member(String node, boolean broken) throws IOException {
        ChunkStore store = ChunkStore.open(dir.resolve(node), 1 << 20);
        stores.put(node, store);
        if (broken) store.close();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(new ChunkTransferEndpoint(store, auth))).bindNow();
        servers.add(server);
        addresses.put(node, URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    private void absent(String node) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            addresses.put(node, URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/"));
        }
    }

    private ClusterChunks writer() throws IOException {
        ChunkStore local = ChunkStore.open(dir.resolve("n1"), 1 << 20);
        stores.put("n1", local);
        PeerChunks peers = new PeerChunks(addresses, node -> java.util.Optional.empty(), auth);
        return new ClusterChunks(local, "n1", 3, () -> MEMBERS, Set::of, peers, new PeerSpace(peers, "n1", () -> MEMBERS),
                dev.coffer.metadata.ChunkPointer::replicas);
    }

    private static List<ChunkRef> write(ClusterChunks chunks, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        try (ChunkWriter writer = chunks.newWriter(null)) {
            for (int at = 0; at < size; at += 50_000) writer.write(ByteBuffer.wrap(bytes, at, Math.min(50_000, size - at)));
            return writer.finish();
        }
    }

    private List<ChunkId> on(String node) throws IOException {
        return stores.get(node).listChunks();
    }

    @Test
    void aReplicaThatFailsIsReplacedByAnotherMemberAndNoNodeIsNamedTwice() throws IOException {
        member("n2", false);
        member("n3", true);
        member("n4", false);
        ClusterChunks chunks = writer();
        List<ChunkRef> placed = chunks.replicate(write(chunks, 5 * (1 << 20) + 7)); // six chunks of at most 1 MiB
        assertThat(placed).hasSize(6);
        for (ChunkRef ref : placed) {
            assertThat(ref.replicas()).as("this node and the two that answered").containsExactlyInAnyOrder("n1", "n2", "n4");
        }
        List<ChunkId> ids = placed.stream().map(ChunkRef::id).toList();
        assertThat(on("n2")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(on("n4")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void tooFewMembersLeftFailsTheWriteAndLeavesNoCopyAnywhere() throws Exception {
        member("n2", false);
        member("n3", true);
        absent("n4");
        ClusterChunks chunks = writer();
        List<ChunkRef> written = write(chunks, 3 * (1 << 20));
        assertThatThrownBy(() -> chunks.replicate(written)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ServiceUnavailable));
        assertThat(on("n1")).as("nothing published here").isEmpty();
        for (int i = 0; i < 100 && !on("n2").isEmpty(); i++) Thread.sleep(100); // deleted in the background
        assertThat(on("n2")).as("the copies made are deleted").isEmpty();
        assertThat(Files.list(dir.resolve("n2").resolve("tmp")).toList()).isEmpty();
    }
}
