package dev.coffer.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seal of a log entry: HMAC-SHA256 of the entry's proposer, number and command under a key
 * derived from the root secret every member shares (HMAC-SHA256(secret, "coffer-raft-proposal-v1")).
 * The Raft port speaks Ratis's client protocol to whoever reaches it; the leader lets into the log
 * only entries a member sealed ({@link CatalogStateMachine#startTransaction}), so a stranger
 * cannot have the catalogue apply a command of its own.
 */
final class ProposalSeal {
    static final int LENGTH = 32;
    private final SecretKeySpec key;

    ProposalSeal(String sharedSecret) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "coffer-raft-proposal-v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    byte[] of(long proposer, long number, byte[] command) {
        return hmac(key, ByteBuffer.allocate(2 * Long.BYTES + command.length)
                .putLong(proposer).putLong(number).put(command).array());
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
