package dev.coffer.auth;

/** How the request body is protected, from x-amz-content-sha256 (or the presigned URL). */
public sealed interface PayloadMode {

    /** UNSIGNED-PAYLOAD, or a presigned URL without a payload hash. */
    record Unsigned() implements PayloadMode {}

    /** A hex SHA-256 of the whole body, to be checked as the body streams ({@link PayloadDigest}). */
    record Sha256(String hex) implements PayloadMode {}

    /**
     * aws-chunked body: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] when {@code context} is non-null
     * (each chunk signature chained from the seed signature), STREAMING-UNSIGNED-PAYLOAD-TRAILER
     * when it is null. {@code trailer} says whether trailing headers follow the last chunk.
     * Decode with {@link AwsChunkedDecoder}.
     */
    record Streaming(StreamingContext context, boolean trailer) implements PayloadMode {}
}
