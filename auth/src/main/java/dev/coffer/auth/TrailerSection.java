package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The trailing headers after the final (zero-length) chunk: {@code name:value} lines, then, when
 * signed, {@code x-amz-trailer-signature:sig}, then an empty line. Names are taken in any case
 * and values trimmed; the signature covers each trailer as {@code lowercase-name:trimmed-value\n}.
 */
final class TrailerSection {
    static final String SIGNATURE_NAME = "x-amz-trailer-signature";
    /** Why 16: S3 sends one checksum trailer; a handful more is generous and keeps memory bounded. */
    static final int MAX_TRAILERS = 16;

    private final ChunkSignatureChain chain;
    private final MessageDigest digest;
    private final byte[] hash = new byte[32];
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean signatureSeen;

    /** @param chain null for STREAMING-UNSIGNED-PAYLOAD-TRAILER */
    TrailerSection(ChunkSignatureChain chain, MessageDigest digest) {
        this.chain = chain;
        this.digest = digest;
        digest.reset();
    }

    void line(FramingLine line) throws AuthException {
        if (signatureSeen) throw AwsChunkedDecoder.malformed("trailer after x-amz-trailer-signature");
        int colon = line.indexOf((byte) ':', 0);
        if (colon <= 0) throw AwsChunkedDecoder.malformed("trailer line without a name");
        String name = line.text(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.text(colon + 1, line.length).trim();
        if (name.equals(SIGNATURE_NAME)) {
            signatureSeen = true;
            if (chain != null) verify(value);
            return;
        }
        if (headers.size() == MAX_TRAILERS) throw AwsChunkedDecoder.malformed("too many trailers");
        headers.merge(name, value, (a, b) -> a + "," + b);
        digest.update((name + ':' + value + '\n').getBytes(StandardCharsets.UTF_8));
    }

    /** At the empty line that ends the body. */
    Map<String, String> end() throws AuthException {
        if (chain != null && !signatureSeen) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH, "The trailer is not signed: "
                    + "x-amz-trailer-signature is missing.");
        }
        return Collections.unmodifiableMap(headers);
    }

    private void verify(String signature) throws AuthException {
        byte[] claimed = signature.getBytes(StandardCharsets.US_ASCII);
        try {
            digest.digest(hash, 0, hash.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("buffer is sized for SHA-256", e);
        }
        if (claimed.length != ChunkSignatureChain.SIGNATURE_HEX_LENGTH || !chain.verifyTrailer(hash, claimed, 0)) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                    "The trailer signature we calculated does not match the signature you provided.");
        }
    }
}
