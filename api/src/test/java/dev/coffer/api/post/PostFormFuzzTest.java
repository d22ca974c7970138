package dev.coffer.api.post;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.coffer.api.authz.AccessChecks;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.ExceptionTranslator;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.LocalKeyRing;
import dev.coffer.api.sse.MasterKey;
import dev.coffer.api.sse.SseProperties;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.BucketService;
import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.auth.PostPolicyVerifier;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fuzzes a browser POST upload as the server reads it: the multipart/form-data parser with its
 * boundary and charset, the form fields before the file, ${filename}, the key check, the policy
 * signature and document, the fields that become object headers, and the file itself, through the
 * real {@link PostObjectHandler} on a real catalogue and chunk store in a temporary directory.
 *
 * <p>An input is {@code Content-Type: <value>\r\n\r\n<form body>}. The form's x-amz-signature is
 * re-signed over its policy field (AWS's example key, scope 20151229/us-east-1/s3), so mutations
 * reach past the signature; the body arrives in pieces whose size depends on its length. Seeds:
 * forms as AWS's POST example, browsers and Python's requests send them, in
 * {@code PostFormFuzzTestInputs/post}.
 *
 * <p>Accepted outcomes: the upload's success, or an error that the server's one translator turns
 * into a 4xx S3 error (or NotImplemented). Another 5xx (an unexpected exception type), a hang or a
 * runaway allocation fails.
 */
class PostFormFuzzTest {
    static final String BUCKET = "sigv4examplebucket";
    private static final PostObjectHandler HANDLER = handler();
    /** The form's signer is the root: the fuzzer explores the form, not permissions. */
    private static final AccessChecks ACCESS = new AccessChecks(new Authorizer(),
            id -> Optional.of(Principal.root("000000000000", id)), bucket -> Mono.just(Optional.empty()));

    @FuzzTest
    void post(byte[] input) {
        try {
            send(input);
        } catch (Throwable failure) {
            S3Exception answer = ExceptionTranslator.translate(failure);
            // NotImplemented (501) is S3's answer to a field asking for what Coffer does not do.
            if (answer.code().status() >= 500 && answer.code() != S3ErrorCode.NotImplemented) {
                throw new AssertionError("answered " + answer.code().code(), failure);
            }
            assertTrue(answer.code().status() >= 400);
        }
    }

    /** Posts the form in {@code input} to the handler; its failure, if any, is thrown. */
    static MockServerHttpResponse send(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0 || !text.regionMatches(true, 0, "Content-Type:", 0, 13)) return null;
        String contentType = text.substring(13, headerEnd).trim();
        byte[] body = PostFormSigner.resign(text.substring(headerEnd + 4)).getBytes(StandardCharsets.ISO_8859_1);

        return send(contentType, pieces(body, 1 + body.length % 61));
    }

    /** Posts a form body, as its buffers arrive, to the handler; its failure, if any, is thrown. */
    static MockServerHttpResponse send(String contentType, Flux<DataBuffer> body) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        sendAsync(contentType, body, response).block();
        return response;
    }

    /** {@link #send(String, Flux)} as the handler's Mono, not yet subscribed. */
    static Mono<Void> sendAsync(String contentType, Flux<DataBuffer> body) {
        return sendAsync(contentType, body, new MockServerHttpResponse());
    }

    private static Mono<Void> sendAsync(String contentType, Flux<DataBuffer> body, MockServerHttpResponse response) {
        MockServerHttpRequest request = MockServerHttpRequest.post("/" + BUCKET)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .body(body);
        S3Call call = new S3Call(new S3Request(S3Operation.POST_OBJECT, BUCKET, null, Map.of(), false),
                request, response, null, ACCESS.forRequest(null, RequestContext.EMPTY), "fuzz");
        return HANDLER.handle(call);
    }

    private static Flux<DataBuffer> pieces(byte[] body, int size) {
        List<DataBuffer> buffers = new ArrayList<>();
        for (int off = 0; off < body.length; off += size) {
            buffers.add(DefaultDataBufferFactory.sharedInstance.wrap(
                    Arrays.copyOfRange(body, off, Math.min(body.length, off + size))));
        }
        return Flux.fromIterable(buffers);
    }

    private static PostObjectHandler handler() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), "post-fuzz");
            BlockingIo io = new BlockingIo(2);
            Catalog catalog = Catalog.open(dir.resolve("catalog"), false);
            ChunkStore chunks = ChunkStore.open(dir.resolve("chunks"), 1 << 20);
            new BucketService(io, catalog).create(new BucketRecord(BUCKET, 0, "us-east-1", "root")).block();
            PostPolicyVerifier verifier = new PostPolicyVerifier(
                    id -> id.equals(PostFormSigner.AKID) ? Optional.of(PostFormSigner.SECRET) : Optional.empty(),
                    Clock.fixed(Instant.parse("2015-12-29T12:00:00Z"), ZoneOffset.UTC));
            byte[] master = MasterKey.loadOrCreate(dir);
            Encryption encryption = new Encryption(master, new LocalKeyRing(dir.resolve("kms"), master, "us-east-1"),
                    new SseProperties(false, false));
            return new PostObjectHandler(new ObjectService(io, catalog, chunks, new ChunkLeases(), encryption),
                    new BodyReceiver(io, chunks, 32 * 1024), verifier, new S3Xml());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
