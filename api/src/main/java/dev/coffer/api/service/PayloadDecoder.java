package dev.coffer.api.service;

import dev.coffer.auth.AuthException;
import dev.coffer.auth.AwsChunkedDecoder;
import dev.coffer.auth.PayloadDigest;
import dev.coffer.auth.PayloadMode;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the raw request body into payload bytes according to its {@link PayloadMode}: passes it
 * through, checks its SHA-256, or de-frames aws-chunked with every chunk signature checked.
 * Not thread-safe.
 */
public sealed interface PayloadDecoder {

    void accept(ByteBuffer raw, Consumer<ByteBuffer> payload) throws AuthException;

    /** Call at end of body; returns trailing headers (aws-chunked with trailer), else empty. */
    Map<String, String> finish() throws AuthException;

    static PayloadDecoder of(PayloadMode mode) {
        // Java 17: no pattern matching in switch yet.
        if (mode instanceof PayloadMode.Sha256 sha) return new Plain(new PayloadDigest(sha.hex()));
        if (mode instanceof PayloadMode.Streaming streaming) return new Chunked(new AwsChunkedDecoder(streaming));
        return new Plain(null);
    }

    /** An unencoded body, optionally checked against x-amz-content-sha256. */
    final class Plain implements PayloadDecoder {
        private final PayloadDigest digest;

        Plain(PayloadDigest digest) {
            this.digest = digest;
        }

        @Override
        public void accept(ByteBuffer raw, Consumer<ByteBuffer> payload) {
            if (digest != null) digest.update(raw);
            payload.accept(raw);
        }

        @Override
        public Map<String, String> finish() throws AuthException {
            if (digest != null) digest.verify();
            return Map.of();
        }
    }

    /** An aws-chunked body. */
    final class Chunked implements PayloadDecoder {
        private final AwsChunkedDecoder decoder;

        Chunked(AwsChunkedDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void accept(ByteBuffer raw, Consumer<ByteBuffer> payload) throws AuthException {
            decoder.feed(raw, payload);
        }

        @Override
        public Map<String, String> finish() throws AuthException {
            return decoder.finish();
        }
    }
}
