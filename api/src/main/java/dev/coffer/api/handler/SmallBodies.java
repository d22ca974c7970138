package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.service.PayloadDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;

/**
 * Reads the small XML bodies of configuration requests (CreateBucket, DeleteObjects, …) into
 * memory, bounded, decoded and checked like any payload.
 */
public final class SmallBodies {
    /** Far above any legal configuration document (DeleteObjects of 1,000 max-length keys is ~1.1 MB). */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** A small body, decoded, with the trailing headers of an aws-chunked encoding (else empty). */
    public record Body(byte[] bytes, java.util.Map<String, String> trailers) {}

    public Mono<Body> read(S3Call call) {
        return DataBufferUtils.join(call.rawBody(), MAX_BYTES)
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> S3Exception.of(S3ErrorCode.MalformedXML).withMessage("The XML you provided was too large"))
                .map(joined -> {
                    try {
                        return decode(call, joined);
                    } finally {
                        DataBufferUtils.release(joined);
                    }
                })
                .switchIfEmpty(Mono.fromSupplier(() -> decode(call, null)));
    }

    /** Decodes the joined body (null for none: an empty body is still checked against its declared hash). */
    private static Body decode(S3Call call, DataBuffer joined) {
        PayloadDecoder decoder = PayloadDecoder.of(call.auth().payload());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (joined != null) {
                try (DataBuffer.ByteBufferIterator it = joined.readableByteBuffers()) {
                    while (it.hasNext()) {
                        decoder.accept(it.next(), (ByteBuffer b) -> {
                            byte[] bytes = new byte[b.remaining()];
                            b.get(bytes);
                            out.writeBytes(bytes);
                        });
                    }
                }
            }
            return new Body(out.toByteArray(), decoder.finish());
        } catch (Exception e) {
            throw reactor.core.Exceptions.propagate(e);
        }
    }
}
