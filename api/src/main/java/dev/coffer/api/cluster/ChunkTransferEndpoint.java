package dev.coffer.api.cluster;

import dev.coffer.storage.ChunkCorruptedException;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.StorageFullException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The server side of the chunk transfer between cluster nodes, on each node's chunk port ({@link
 * ChunkPort}: mutual TLS, callers with a certificate of the cluster's CA only), for requests signed
 * by another node for this one ({@link NodeAuth}, Range included) only:
 *
 * <pre>
 * PUT /_coffer/chunks/{id}   body: the whole chunk file and its seal ({@link SealedBody}; Content-Length, or chunked
 *                            as it is written); 201 once it is fsynced, checked and published, 403 when the seal fails
 * GET /_coffer/chunks/{id}   Range: bytes=a-b of the chunk file, as stored; 206, or 404 when this node holds none
 * GET /_coffer/chunks        200, header x-coffer-usable-bytes: this node's free space (placement weighs by it)
 * DELETE /_coffer/chunks/{id} 204 once this node holds no replica of it (the collector's, on the leader)
 * POST /_coffer/chunks/{id}/push/{node}  sends this node's replica to {node} (a PUT as above); 201 once it is durable
 *                            there, 404 when this node holds none, 502 when {node} failed it (x-coffer-unreachable:
 *                            {node} when it could not be reached): re-replication's copies, asked by the leader
 * </pre>
 *
 * The S3 port does not serve these paths (a plain 404, as any unknown path under {@code /_coffer/}).
 * Every answer to a request that checked out carries its seal ({@link NodeAuth#sealAnswer}), which
 * the asking node checks.
 */
public final class ChunkTransferEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/chunks";
    /** Between a chunk's path and the node a push goes to. */
    static final String PUSH = "/push/";
    /** The largest range one GET serves: a remote reader asks for {@link PeerChunks#WINDOW}. */
    private static final int MAX_RANGE = 8 << 20;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final Logger log = LoggerFactory.getLogger(ChunkTransferEndpoint.class);

    private final ChunkStore chunks;
    private final NodeAuth auth;
    private final String self;
    private final PeerChunks peers;
    /**
     * Not the request path's io pool: a node whose io threads all wait on sends to another node
     * must still be able to receive that node's sends, or two busy nodes would wait on each other.
     */
    private final Scheduler blocking = Schedulers.boundedElastic();

    /**
     * @param self this node's id, which a request's signature must name
     * @param peers how this node sends a replica when asked to push it
     */
    ChunkTransferEndpoint(ChunkStore chunks, NodeAuth auth, String self, PeerChunks peers) {
        this.chunks = chunks;
        this.auth = auth;
        this.self = self;
        this.peers = peers;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String path = request.getURI().getRawPath();
        HttpMethod method = request.getMethod();
        String signature = request.getHeaders().getFirst(NodeAuth.HEADER);
        if (!auth.verify(method.name(), self, path, request.getHeaders().getFirst(HttpHeaders.RANGE), signature)) {
            return reply(response, HttpStatus.FORBIDDEN, "not signed by a cluster node");
        }
        if (path.equals(PATH) && HttpMethod.GET.equals(method)) {
            return Mono.fromCallable(chunks::usableBytes).subscribeOn(blocking).flatMap(bytes -> {
                response.getHeaders().set(PeerChunks.USABLE, Long.toString(bytes));
                return reply(response, signature, HttpStatus.OK, Long.toString(bytes));
            }).onErrorResume(e -> reply(response, signature, HttpStatus.INTERNAL_SERVER_ERROR, e.toString()));
        }
        String rest = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
        int push = rest.indexOf(PUSH);
        ChunkId id;
        try {
            id = new ChunkId(push < 0 ? rest : rest.substring(0, push));
        } catch (RuntimeException e) {
            return reply(response, signature, HttpStatus.NOT_FOUND, "no such chunk path");
        }
        if (push >= 0) {
            if (!HttpMethod.POST.equals(method)) return reply(response, signature, HttpStatus.METHOD_NOT_ALLOWED, "POST");
            return push(id, rest.substring(push + PUSH.length()), response, signature);
        }
        if (HttpMethod.PUT.equals(method)) return receive(id, request, response, signature);
        if (HttpMethod.GET.equals(method)) return send(id, request, response, signature);
        if (HttpMethod.DELETE.equals(method)) {
            return Mono.fromCallable(() -> {
                        chunks.delete(id);
                        return true;
                    }).subscribeOn(blocking)
                    .then(Mono.defer(() -> answer(response, signature, HttpStatus.NO_CONTENT, null, ByteBuffer.allocate(0))))
                    .onErrorResume(e -> reply(response, signature, HttpStatus.INTERNAL_SERVER_ERROR, e.toString()));
        }
        return reply(response, signature, HttpStatus.METHOD_NOT_ALLOWED, "PUT, GET, DELETE, or POST …/push/{node}");
    }

    private Mono<Void> receive(ChunkId id, ServerHttpRequest request, ServerHttpResponse response, String signature) {
        long length = request.getHeaders().getContentLength(); // -1: streamed while written, the footer tells
        if (length >= 0 && length < SealedBody.SEAL_BYTES) return reply(response, signature, HttpStatus.BAD_REQUEST, "no seal");
        long fileLength = length < 0 ? -1 : length - SealedBody.SEAL_BYTES;
        return Mono.fromCallable(() -> {
                    // Closed either way: a refusal before the body was read (a closed or full store) cancels
                    // the rest, so that the connection closes after the answer instead of blocking the sender.
                    try (InputStream body = SealedBody.checking(new BlockingBody(request.getBody(), 4), auth, signature)) {
                        chunks.receive(id, body, fileLength);
                    }
                    return chunks.usableBytes();
                }).subscribeOn(blocking)
                .flatMap(usable -> {
                    response.getHeaders().set(PeerChunks.USABLE, Long.toString(usable)); // placement weighs by it
                    return reply(response, signature, HttpStatus.CREATED, "");
                })
                .onErrorResume(e -> {
                    HttpStatus status = e instanceof SealedBody.SealMismatch ? HttpStatus.FORBIDDEN
                            : e instanceof ChunkCorruptedException ? HttpStatus.BAD_REQUEST
                            : e instanceof StorageFullException ? HttpStatus.INSUFFICIENT_STORAGE
                            : HttpStatus.INTERNAL_SERVER_ERROR;
                    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
                        log.warn("receiving chunk {} failed", id.value(), e); // unexpected: with its stack
                    } else {
                        log.warn("receiving chunk {} failed: {}", id.value(), e.toString());
                    }
                    return reply(response, signature, status, String.valueOf(e.getMessage()));
                });
    }

    /** Sends this node's replica of {@code id} to node {@code to}, as re-replication asks. */
    private Mono<Void> push(ChunkId id, String to, ServerHttpResponse response, String signature) {
        if (!peers.knows(to)) return reply(response, signature, HttpStatus.BAD_REQUEST, "no address for node " + to);
        return Mono.fromCallable(() -> {
            try (FileChannel file = chunks.openFile(id)) {
                peers.send(to, id, file);
            }
            return true;
        }).subscribeOn(blocking).then(Mono.defer(() -> reply(response, signature, HttpStatus.CREATED, "")))
                .onErrorResume(NoSuchFileException.class, e -> reply(response, signature, HttpStatus.NOT_FOUND, "no replica here"))
                .onErrorResume(PeerChunks.Unreachable.class, e -> {
                    response.getHeaders().set(PeerChunks.UNREACHABLE, to);
                    return reply(response, signature, HttpStatus.BAD_GATEWAY, e.getMessage());
                })
                .onErrorResume(e -> {
                    log.warn("pushing chunk {} to {} failed: {}", id.value(), to, e.toString());
                    return reply(response, signature, HttpStatus.BAD_GATEWAY, String.valueOf(e.getMessage()));
                });
    }

    private Mono<Void> send(ChunkId id, ServerHttpRequest request, ServerHttpResponse response, String signature) {
        String range = request.getHeaders().getFirst(HttpHeaders.RANGE);
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m == null || !m.matches()) return reply(response, signature, HttpStatus.BAD_REQUEST, "Range: bytes=a-b is required");
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first || last - first + 1 > MAX_RANGE) {
            return reply(response, signature, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "a range of at most " + MAX_RANGE + " bytes");
        }
        return Mono.fromCallable(() -> {
            try (FileChannel file = chunks.openFile(id)) {
                long end = Math.min(last + 1, file.size());
                ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, end - first));
                while (bytes.hasRemaining()) {
                    if (file.read(bytes, first + bytes.position()) < 0) break;
                }
                return bytes.flip();
            }
        }).subscribeOn(blocking).flatMap(bytes ->
                answer(response, signature, HttpStatus.PARTIAL_CONTENT, "application/octet-stream", bytes))
                .onErrorResume(NoSuchFileException.class, e -> reply(response, signature, HttpStatus.NOT_FOUND, "no replica here"))
                .onErrorResume(IOException.class, e -> reply(response, signature, HttpStatus.INTERNAL_SERVER_ERROR, e.toString()));
    }

    /** A text answer to a request that did not check out: unsealed. */
    private Mono<Void> reply(ServerHttpResponse response, HttpStatus status, String text) {
        return reply(response, null, status, text);
    }

    /** A text answer, sealed for the request signed {@code signature} (none when null: one that did not check out). */
    private Mono<Void> reply(ServerHttpResponse response, String signature, HttpStatus status, String text) {
        return answer(response, signature, status, "text/plain; charset=utf-8",
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Answers {@code body} with its seal ({@link NodeAuth#sealAnswer}) under {@code signature}, over
     * the status, the headers already set that the asking node acts on, and the body.
     */
    private Mono<Void> answer(ServerHttpResponse response, String signature, HttpStatus status, String type,
                              ByteBuffer body) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (signature != null) {
            headers.set(NodeAuth.ANSWER_HEADER, auth.sealAnswer(signature, status.value(),
                    PeerChunks.facts(headers::getFirst), body));
        }
        if (status == HttpStatus.NO_CONTENT) return response.setComplete();
        headers.set(HttpHeaders.CONTENT_TYPE, type);
        headers.setContentLength(body.remaining());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
