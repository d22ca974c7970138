package dev.coffer.api.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Node-to-node authentication of chunk transfers: header {@value #HEADER} = {@code <unix
 * seconds>:<hex HMAC-SHA256 of "METHOD\npath\nseconds">} under a key derived from the root secret
 * every node shares (HMAC-SHA256(secret, "coffer-chunk-transfer-v1")), accepted within ±{@value
 * #SKEW_SECONDS} s of this node's clock. Only members know the root secret; a signature names the
 * method and the chunk, so it cannot be used for another.
 */
final class NodeAuth {
    static final String HEADER = "x-coffer-node-auth";
    private static final long SKEW_SECONDS = 300;
    private final byte[] key;
    private final Clock clock;

    NodeAuth(String rootSecret, Clock clock) {
        this.key = hmac(rootSecret.getBytes(StandardCharsets.UTF_8), "coffer-chunk-transfer-v1");
        this.clock = clock;
    }

    /** The header's value for a request made now. */
    String sign(String method, String path) {
        long seconds = clock.millis() / 1000;
        return seconds + ":" + HexFormat.of().formatHex(mac(method, path, seconds));
    }

    /** Whether {@code header} signs this request and was made within the allowed skew. */
    boolean verify(String method, String path, String header) {
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
        return MessageDigest.isEqual(given, mac(method, path, seconds));
    }

    private byte[] mac(String method, String path, long seconds) {
        return hmac(key, method + "\n" + path + "\n" + seconds);
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
