package dev.coffer.api.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Node-to-node authentication of chunk transfers: header {@value #HEADER} = {@code <unix
 * seconds>:<hex HMAC-SHA256 of "METHOD\nnode\npath\nrange\nseconds">} under a key derived from
 * the root secret every node shares (HMAC-SHA256(secret, "coffer-chunk-transfer-v2")), accepted
 * within ±{@value #SKEW_SECONDS} s of this node's clock; {@code node} is the id of the node the
 * request is for, {@code range} the request's {@code Range} header (empty when it has none). A
 * PUT's body ends in a {@link #seal} of the bytes before it ({@link SealedBody}). Only members know
 * the root secret; a signature names the node, the method, the chunk and the bytes asked for or
 * sent, so it cannot be used for others (a DELETE of one node's extra replica, say, is no DELETE
 * of the replicas left on the others).
 *
 * <p>Every answer to a request that checked out carries {@value #ANSWER_HEADER}, a {@link #sealAnswer
 * seal} of its status, its free-space figure and its body under the request's header: an answer
 * changed or made up on the way (other chunk bytes with CRCs recomputed, a 201 for a chunk never
 * stored) is refused by the node that asked, as an answer from no node.
 *
 * <p>Left: a request can be sent again to the same node as it was within the skew (the same range
 * read again, the same chunk stored or deleted again, the same push made again), which each
 * transfer takes as it took the first (docs/security-review.md, session 15).
 */
final class NodeAuth {
    static final String HEADER = "x-coffer-node-auth";
    /** The header of an answer's seal ({@link #sealAnswer}). */
    static final String ANSWER_HEADER = "x-coffer-node-seal";
    private static final long SKEW_SECONDS = 300;
    private final byte[] key;
    private final Clock clock;

    NodeAuth(String rootSecret, Clock clock) {
        this.key = hmac(rootSecret.getBytes(StandardCharsets.UTF_8), "coffer-chunk-transfer-v2");
        this.clock = clock;
    }

    /**
     * The header's value for a request made now.
     *
     * @param node the id of the node the request goes to
     * @param range the request's Range header, or null when it sends none
     */
    String sign(String method, String node, String path, String range) {
        long seconds = clock.millis() / 1000;
        return seconds + ":" + HexFormat.of().formatHex(mac(method, node, path, range, seconds));
    }

    /**
     * Whether {@code header} signs this request for node {@code self} (its Range included, null
     * when none) and was made within the allowed skew.
     */
    boolean verify(String method, String self, String path, String range, String header) {
        if (header == null) return false;
        int colon = header.indexOf(':');
        if (colon <= 0) return false;
        long seconds;
        byte[] given;
        try {
            seconds = Long.parseLong(header.substring(0, colon));
            given = HexFormat.of().parseHex(header.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Math.abs(clock.millis() / 1000 - seconds) > SKEW_SECONDS) return false;
        return MessageDigest.isEqual(given, mac(method, self, path, range, seconds));
    }

    /**
     * What a body sent under {@code header} ends with: HMAC-SHA256 of the header and the SHA-256
     * of the bytes before it, so that neither the bytes nor the request they go with can change.
     */
    byte[] seal(String header, byte[] sha256) {
        return hmac(key, header + "\n" + HexFormat.of().formatHex(sha256));
    }

    /**
     * The seal of an answer to the request signed {@code header}: hex HMAC-SHA256 of "answer", the
     * header, the status, the answer's own headers that the asking node acts on ({@code facts}:
     * {@code x-coffer-usable-bytes} and {@code x-coffer-unreachable}, {@link PeerChunks#facts}) and
     * the body's SHA-256.
     */
    String sealAnswer(String header, int status, String facts, ByteBuffer body) {
        return HexFormat.of().formatHex(hmac(key, "answer\n" + header + "\n" + status + "\n" + facts + "\n"
                + HexFormat.of().formatHex(sha256(body.duplicate()))));
    }

    /** Whether {@code seal} is {@link #sealAnswer}'s for this answer. */
    boolean answerSealed(String header, int status, String facts, ByteBuffer body, String seal) {
        return seal != null && MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII),
                sealAnswer(header, status, facts, body).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(ByteBuffer bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] mac(String method, String node, String path, String range, long seconds) {
        return hmac(key, method + "\n" + node + "\n" + path + "\n" + (range == null ? "" : range) + "\n" + seconds);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
