package dev.coffer.api.policy;

import dev.coffer.api.xml.PublicAccessBlockConfiguration;

/**
 * The four Block Public Access settings, of a bucket (config "publicaccessblock": one format
 * byte, 1, then one byte of flags — 1 BlockPublicAcls, 2 IgnorePublicAcls, 4 BlockPublicPolicy,
 * 8 RestrictPublicBuckets) or of the server ({@code coffer.public-access-block.*}). Coffer has no
 * ACLs that grant anything (public canned ACLs are refused), so the two ACL settings are kept
 * and shown but change nothing.
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                boolean restrictPublicBuckets) {
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
    static final byte FORMAT = 1;

    static PublicAccessBlock of(PublicAccessBlockConfiguration xml) {
        return new PublicAccessBlock(Boolean.TRUE.equals(xml.blockPublicAcls()), Boolean.TRUE.equals(xml.ignorePublicAcls()),
                Boolean.TRUE.equals(xml.blockPublicPolicy()), Boolean.TRUE.equals(xml.restrictPublicBuckets()));
    }

    PublicAccessBlockConfiguration xml() {
        return new PublicAccessBlockConfiguration(blockPublicAcls, ignorePublicAcls, blockPublicPolicy,
                restrictPublicBuckets);
    }

    byte[] encode() {
        int flags = (blockPublicAcls ? 1 : 0) | (ignorePublicAcls ? 2 : 0) | (blockPublicPolicy ? 4 : 0)
                | (restrictPublicBuckets ? 8 : 0);
        return new byte[] {FORMAT, (byte) flags};
    }

    static PublicAccessBlock decode(byte[] bytes) {
        if (bytes.length != 2 || bytes[0] != FORMAT) {
            throw new IllegalStateException("publicaccessblock config of unknown format " + (bytes.length > 0 ? bytes[0] : -1));
        }
        int f = bytes[1];
        return new PublicAccessBlock((f & 1) != 0, (f & 2) != 0, (f & 4) != 0, (f & 8) != 0);
    }

    /** The most restrictive of two (a bucket's and the server's), as S3 combines them. */
    PublicAccessBlock or(PublicAccessBlock other) {
        return new PublicAccessBlock(blockPublicAcls || other.blockPublicAcls, ignorePublicAcls || other.ignorePublicAcls,
                blockPublicPolicy || other.blockPublicPolicy, restrictPublicBuckets || other.restrictPublicBuckets);
    }
}
