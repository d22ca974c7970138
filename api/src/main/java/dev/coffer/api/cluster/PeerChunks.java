package dev.coffer.api.cluster;

import dev.coffer.storage.ChunkBytes;
import dev.coffer.storage.ChunkId;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

/**
 * The client side of the chunk transfer (docs/cluster.md, "Chunks on several nodes"): sends a
 * chunk file whole to another node, asks a node to push its replica to a third, and reads another
 * node's replica by byte ranges, each over mutual TLS to the other's chunk port ({@link ChunkPort}):
 * it shows this node's certificate and takes only a peer whose certificate the cluster's CA signed
 * for the host it dialled. Blocking. Counts the bytes it moves in {@link ChunkTraffic}.
 */
final class PeerChunks {
    /** Bytes fetched per range request of a remote read: 16 blocks of 64 KiB. */
    static final int WINDOW = 1 << 20;
    /** The longest a chunk may take to stream to a replica while it is written. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

    /** A node that could not be reached at all (as opposed to one that answered with an error). */
    static final class Unreachable extends IOException {
        private final String node;

        Unreachable(String node, Throwable cause) {
            super("node " + node + " cannot be reached", cause);
            this.node = node;
        }

        String node() {
            return node;
        }
    }

    /** The header in which a node tells its usable bytes (GET {@code /_coffer/chunks}, and a 201 to a PUT). */
    static final String USABLE = "x-coffer-usable-bytes";
    /** The header of a 502 to a push: the node the pushing node could not reach. */
    static final String UNREACHABLE = "x-coffer-unreachable";
    private final Map<String, String> nodes;
    private volatile java.util.function.BiConsumer<String, Long> onUsable = (node, bytes) -> {};
    private final java.util.function.Function<String, java.util.Optional<String>> announced;
    private final NodeAuth auth;
    private final ChunkTraffic traffic;
    private final HttpClient http;

    /**
     * @param nodes each node's chunk port ({@code host:port}) by node id, from the settings
     * @param announced the chunk port ({@code host:port}) a node announced in the catalogue (kind
     *     72), which wins: a node added after this one started is in no setting here
     * @param tls this node's certificate and the cluster's CA ({@link dev.coffer.cluster.ClusterTls#sslContext})
     * @param traffic where the bytes sent and fetched are counted (this node's, shared)
     */
    PeerChunks(Map<String, String> nodes, java.util.function.Function<String, java.util.Optional<String>> announced,
               NodeAuth auth, javax.net.ssl.SSLContext tls, ChunkTraffic traffic) {
        this.nodes = Map.copyOf(nodes);
        this.announced = announced;
        this.auth = auth;
        this.traffic = traffic;
        // The JDK client checks the peer's certificate against the host it dialled (HTTPS endpoint identification).
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .sslContext(tls)
                .build();
    }

    boolean knows(String node) {
        return base(node) != null;
    }

    private URI base(String node) {
        String address = announced.apply(node).orElse(nodes.get(node));
        return address == null ? null : URI.create("https://" + address + "/");
    }

    /** Sends the chunk file open in {@code file} to {@code node}; returns once it is durable there. */
    void send(String node, ChunkId id, FileChannel file) throws IOException {
        long size = file.size();
        put(node, id, sendTimeout(size), true, signature -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return SealedBody.sealing(counted(Channels.newInputStream(file.position(0))), auth, signature);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), size + SealedBody.SEAL_BYTES));
    }

    /** How long a whole chunk file of {@code fileSize} bytes may take to be sent and made durable. */
    private static Duration sendTimeout(long fileSize) {
        return Duration.ofSeconds(60 + fileSize / (8 << 20));
    }

    /**
     * Sends a chunk file still being written, as {@code in} gives it (chunked, no length: the
     * receiver reads the size from the footer); returns once it is durable there. Bounded by
     * {@link #STREAM_TIMEOUT} in all: a slower upload's chunk is sent whole after it is written.
     */
    void stream(String node, ChunkId id, InputStream in) throws IOException {
        put(node, id, STREAM_TIMEOUT, false, signature -> HttpRequest.BodyPublishers.ofInputStream(
                () -> SealedBody.sealing(counted(in), auth, signature)));
    }

    /** {@code in}, counting each byte read from it as sent. */
    private InputStream counted(InputStream in) {
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) traffic.sent(n);
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * Asks {@code from} to send its replica of {@code id} (a file of {@code fileSize} bytes)
     * straight to {@code to} ({@code POST /_coffer/chunks/<id>/push/<to>}): the bytes go node to
     * node, not through this one. Returns once the copy is durable on {@code to}, which checks
     * every block's CRC before it publishes it (a bad source fails the copy).
     *
     * @throws Unreachable naming {@code from} or {@code to}, whichever could not be reached
     * @throws NoSuchFileException when {@code from} holds no replica of it
     */
    void push(String from, String to, ChunkId id, long fileSize) throws IOException {
        String path = ChunkTransferEndpoint.PATH + "/" + id.value() + ChunkTransferEndpoint.PUSH + to;
        HttpRequest request = HttpRequest.newBuilder(uri(from, path))
                .timeout(sendTimeout(fileSize).plusSeconds(30)) // the push itself is bounded by sendTimeout on from
                .header(NodeAuth.HEADER, auth.sign("POST", from, path, null))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<byte[]> response = exchange(from, request, true);
        if (response.statusCode() == 201) return;
        if (response.statusCode() == 404) throw new NoSuchFileException(from + ":" + id.value());
        if (response.statusCode() == 502 && response.headers().firstValue(UNREACHABLE).isPresent()) {
            throw new Unreachable(to, new IOException(text(response)));
        }
        throw new IOException("node " + from + " did not push chunk " + id.value() + " to " + to + ": "
                + response.statusCode() + " " + text(response));
    }

    /**
     * @param repeatable whether the body can be sent again (a file, not a stream still being written)
     * @param body the sealed body ({@link SealedBody}) for the request's signature
     */
    private void put(String node, ChunkId id, Duration timeout, boolean repeatable,
                     java.util.function.Function<String, HttpRequest.BodyPublisher> body) throws IOException {
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        String signature = auth.sign("PUT", node, path, null);
        HttpRequest request = HttpRequest.newBuilder(uri(node, path))
                .timeout(timeout)
                .header(NodeAuth.HEADER, signature)
                .PUT(body.apply(signature))
                .build();
        HttpResponse<byte[]> response = exchange(node, request, repeatable);
        usableIn(node, response);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("node " + node + " refused chunk " + id.value() + ": " + response.statusCode()
                    + " " + text(response));
        }
    }

    /** Is told each usable-bytes figure a node's answer carries. */
    void onUsable(java.util.function.BiConsumer<String, Long> listener) {
        this.onUsable = listener;
    }

    /** The usable bytes {@code node} reports now. */
    long usable(String node) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(node, ChunkTransferEndpoint.PATH))
                .timeout(Duration.ofSeconds(5))
                .header(NodeAuth.HEADER, auth.sign("GET", node, ChunkTransferEndpoint.PATH, null))
                .GET().build();
        HttpResponse<byte[]> response = exchange(node, request, true);
        Long bytes = usableIn(node, response);
        if (response.statusCode() != 200 || bytes == null) {
            throw new IOException("node " + node + " answered " + response.statusCode() + " to a free space question");
        }
        return bytes;
    }

    private Long usableIn(String node, HttpResponse<?> response) {
        try {
            Long bytes = response.headers().firstValue(USABLE).map(Long::parseLong).orElse(null);
            if (bytes != null) onUsable.accept(node, bytes);
            return bytes;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Deletes {@code node}'s replica of {@code id}, if it has one. */
    void delete(String node, ChunkId id) throws IOException {
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        HttpRequest request = HttpRequest.newBuilder(uri(node, path))
                .timeout(Duration.ofSeconds(30))
                .header(NodeAuth.HEADER, auth.sign("DELETE", node, path, null))
                .DELETE().build();
        HttpResponse<byte[]> response = exchange(node, request, true);
        if (response.statusCode() != 204) {
            throw new IOException("node " + node + " answered " + response.statusCode() + " to deleting " + id.value());
        }
    }

    /** The file bytes of {@code node}'s replica of {@code id}, whose file is {@code fileSize} bytes. */
    ChunkBytes remote(String node, ChunkId id, long fileSize) {
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        return new ChunkBytes() {
            private byte[] window = new byte[0];
            private long windowStart = -1;

            @Override
            public long size() {
                return fileSize;
            }

            @Override
            public void readFully(ByteBuffer dst, long position) throws IOException {
                while (dst.hasRemaining()) {
                    if (position >= fileSize) throw new EOFException("replica ends at " + fileSize);
                    if (windowStart < 0 || position < windowStart || position >= windowStart + window.length) {
                        long end = Math.min(fileSize, position + Math.max(WINDOW, dst.remaining()));
                        window = fetch(position, end);
                        windowStart = position;
                    }
                    int offset = (int) (position - windowStart);
                    int n = Math.min(dst.remaining(), window.length - offset);
                    dst.put(window, offset, n);
                    position += n;
                }
            }

            private byte[] fetch(long start, long end) throws IOException {
                String range = "bytes=" + start + "-" + (end - 1);
                HttpRequest request = HttpRequest.newBuilder(uri(node, path))
                        .timeout(Duration.ofSeconds(30))
                        .header(NodeAuth.HEADER, auth.sign("GET", node, path, range))
                        .header("Range", range)
                        .GET().build();
                HttpResponse<byte[]> response = exchange(node, request, true);
                if (response.statusCode() == 404) throw new NoSuchFileException(node + ":" + id.value());
                if (response.statusCode() != 206) {
                    throw new IOException("node " + node + " answered " + response.statusCode() + " for chunk " + id.value());
                }
                if (response.body().length == 0) throw new EOFException("replica on " + node + " ends at " + start);
                traffic.fetched(response.body().length);
                return response.body();
            }

            @Override
            public void close() {}
        };
    }

    private URI uri(String node, String path) throws IOException {
        URI base = base(node);
        if (base == null) throw new IOException("no address for node " + node + " (coffer.cluster.chunk-peers)");
        return base.resolve(path);
    }

    /**
     * The values of an answer's headers that the asking node acts on, as its seal covers them
     * ({@link NodeAuth#sealAnswer}): the free space, then the node a push could not reach.
     */
    static String facts(java.util.function.Function<String, String> header) {
        String usable = header.apply(USABLE);
        String unreachable = header.apply(UNREACHABLE);
        return (usable == null ? "" : usable) + "\n" + (unreachable == null ? "" : unreachable);
    }

    /**
     * {@code node}'s answer to {@code request}, once its seal shows that {@code node} gave it for
     * this very request: else an IOException, as for an answer from no node (another replica is
     * read, the write or copy fails) — bytes or a 201 changed or made up on the way are never used.
     */
    private HttpResponse<byte[]> exchange(String node, HttpRequest request, boolean repeatable) throws IOException {
        HttpResponse<byte[]> response = send(node, request, repeatable);
        String signature = request.headers().firstValue(NodeAuth.HEADER).orElseThrow();
        String facts = facts(name -> response.headers().firstValue(name).orElse(null));
        if (!auth.answerSealed(signature, response.statusCode(), facts, ByteBuffer.wrap(response.body()),
                response.headers().firstValue(NodeAuth.ANSWER_HEADER).orElse(null))) {
            throw new IOException("node " + node + "'s answer (" + response.statusCode() + " " + text(response)
                    + ") is not sealed for the request: not from that node, or changed on its way");
        }
        return response;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code request}; once more, on a new connection, when it is {@code repeatable} and the
     * connection failed under it with no answer: a kept connection that the other node had closed
     * (over TLS the JDK client can take one from its pool before it sees the close, and finds out
     * only when no answer comes: "header parser received no bytes", seen in ClusterChunksIT on a
     * collector's DELETE). Every chunk request but a stream is safe to repeat: a GET or DELETE, a
     * PUT of the same sealed bytes under the same id, a push that copies the same file again.
     */
    private HttpResponse<byte[]> send(String node, HttpRequest request, boolean repeatable) throws IOException {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpTimeoutException | SSLHandshakeException e) {
                throw e;
            } catch (IOException e) {
                if (!repeatable) throw e;
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Unreachable(node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to node " + node, e);
        }
    }

}
