package dev.coffer.auth;

/** Reads x-amz-content-sha256 (or X-Amz-Content-Sha256 of a presigned URL) into a {@link PayloadMode}. */
final class PayloadModes {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private PayloadModes() {}

    /** Rejects values that are neither a hash nor a known mode, before any signature work. */
    static void check(String value) throws AuthException {
        switch (value) {
            case UNSIGNED, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER -> { }
            default -> {
                if (!Hex.isHex(value, 64)) {
                    throw new AuthException(AuthError.INVALID_ARGUMENT,
                            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                            + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER "
                            + "or a valid sha256 value.");
                }
            }
        }
    }

    /** The mode of a value already {@link #check checked}; {@code seed} chains signed chunks. */
    static PayloadMode of(String value, StreamingContext seed) {
        return switch (value) {
            case UNSIGNED -> new PayloadMode.Unsigned();
            case STREAMING_SIGNED -> new PayloadMode.Streaming(seed, false);
            case STREAMING_SIGNED_TRAILER -> new PayloadMode.Streaming(seed, true);
            case STREAMING_UNSIGNED_TRAILER -> new PayloadMode.Streaming(null, true);
            default -> new PayloadMode.Sha256(value);
        };
    }
}
