package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node believes only answers the asked node sealed for its very request: a relay between n1 and
 * n2 that answers a read with other bytes (another chunk's, whose CRCs are all valid, so no block
 * check could tell) or a store with a 201 it made up is refused, as an answer from no node. The
 * relay gets past the chunk port's mutual TLS with a certificate the cluster's CA signed (a
 * member's key store taken, say) but lacks the root secret: the seals are the line behind TLS.
 */
class ChunkAnswerSealTest {
    @TempDir Path dir;
    private LoopbackNodes nodes;
    private HttpsServer relay;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        nodes = new LoopbackNodes(dir);
        nodes.member("n1", false);
        nodes.member("n2", false);
        http = nodes.client();
    }

    @AfterEach
    void stop() {
        if (relay != null) relay.stop(0);
        nodes.close();
    }

    private ChunkId chunkOn(String node, int size, int seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try (ChunkWriter writer = nodes.store(node).newWriter()) {
            writer.write(ByteBuffer.wrap(bytes));
            return writer.finish().get(0).id();
        }
    }

    private byte[] file(String node, ChunkId id) throws IOException {
        try (FileChannel file = nodes.store(node).openFile(id)) {
            ByteBuffer all = ByteBuffer.allocate((int) file.size());
            while (all.hasRemaining() && file.read(all, all.position()) >= 0) { }
            return all.array();
        }
    }

    /**
     * Puts a relay in front of n2 that passes each request on unchanged and each answer back with
     * its status and headers, its body as {@code body} makes it; or answers {@code forged} itself.
     */
    private void relay(UnaryOperator<byte[]> body, Integer forged) throws IOException {
        URI n2 = nodes.address("n2");
        relay = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.setHttpsConfigurator(new HttpsConfigurator(nodes.tls.sslContext()));
        relay.createContext("/", exchange -> {
            try (exchange) {
                if (forged != null) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set(PeerChunks.USABLE, "1000000000");
                    exchange.sendResponseHeaders(forged, -1);
                    return;
                }
                HttpResponse<byte[]> answer = pass(exchange, n2);
                answer.headers().map().forEach((name, values) -> {
                    if (!Set.of("content-length", "transfer-encoding", ":status").contains(name.toLowerCase())) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] out = body.apply(answer.body());
                exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                exchange.getResponseBody().write(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        relay.start();
        nodes.route("n2", URI.create("https://127.0.0.1:" + relay.getAddress().getPort() + "/"));
    }

    private HttpResponse<byte[]> pass(HttpExchange exchange, URI to) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.resolve(exchange.getRequestURI().getRawPath()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (lower.equals("range") || lower.startsWith("x-coffer")) values.forEach(v -> request.header(name, v));
        });
        try (InputStream in = exchange.getRequestBody()) {
            byte[] sent = in.readAllBytes();
            request.method(exchange.getRequestMethod(), sent.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(sent));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aReadAnsweredWithAnotherChunksValidBytesIsRefused() throws Exception {
        ChunkId asked = chunkOn("n2", 200_000, 1);
        ChunkId other = chunkOn("n2", 200_000, 2);
        byte[] otherFile = file("n2", other);
        int length = file("n2", asked).length;
        assertThat(otherFile).hasSize(length);
        relay(real -> java.util.Arrays.copyOf(otherFile, real.length), null);

        assertThatThrownBy(() -> nodes.peers("n1").remote("n2", asked, length).readFully(ByteBuffer.allocate(length), 0))
                .isInstanceOf(IOException.class).hasMessageContaining("not sealed");
    }

    @Test
    void aReadPassedOnUnchangedGoesThrough() throws Exception {
        ChunkId asked = chunkOn("n2", 200_000, 1);
        byte[] real = file("n2", asked);
        relay(UnaryOperator.identity(), null);
        ByteBuffer read = ByteBuffer.allocate(real.length);
        nodes.peers("n1").remote("n2", asked, real.length).readFully(read, 0);
        assertThat(read.array()).isEqualTo(real);
    }

    @Test
    void aStoreAnsweredWithAMadeUp201IsNotTakenAsDurable() throws Exception {
        ChunkId id = chunkOn("n1", 200_000, 3);
        relay(UnaryOperator.identity(), 201);
        try (FileChannel file = nodes.store("n1").openFile(id)) {
            assertThatThrownBy(() -> nodes.peers("n1").send("n2", id, file))
                    .isInstanceOf(IOException.class).hasMessageContaining("not sealed");
        }
        assertThat(nodes.store("n2").listChunks()).isEmpty();
    }
}
