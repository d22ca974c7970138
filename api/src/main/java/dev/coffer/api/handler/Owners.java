package dev.coffer.api.handler;

import dev.coffer.api.server.S3Call;
import dev.coffer.api.xml.Owner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The owner of buckets and objects as S3 shows it: a 64-hex canonical id derived from the access
 * key, and a display name.
 */
public final class Owners {
    public String id(S3Call call) {
        return canonicalId(call.auth().accessKeyId());
    }

    public Owner of(S3Call call) {
        return new Owner(id(call), call.auth().accessKeyId());
    }

    static String canonicalId(String accessKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("coffer:" + accessKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
