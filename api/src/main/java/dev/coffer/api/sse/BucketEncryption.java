package dev.coffer.api.sse;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.ServerSideEncryptionConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bucket's default encryption, the bucket configuration named {@code encryption}
 * (metadata/COMMANDS.md). Stored as one UTF-8 line: {@code <algorithm> <bucketKey> [<kms key id>]},
 * e.g. {@code AES256 false} or {@code aws:kms true 1b2c…}.
 *
 * @param kind S3 or KMS (SSE-C cannot be a default, as in S3)
 * @param kmsKeyId the KMS key for KMS, null for the default key
 * @param bucketKeyEnabled the BucketKeyEnabled setting (accepted and echoed; Coffer's data keys
 *     are per object either way)
 */
public record BucketEncryption(SseRecord.Kind kind, String kmsKeyId, boolean bucketKeyEnabled) {
    public static final String CONFIG_NAME = "encryption";

    /** The stored line. */
    public byte[] encode() {
        String line = kind.header + " " + bucketKeyEnabled + (kmsKeyId == null ? "" : " " + kmsKeyId);
        return line.getBytes(StandardCharsets.UTF_8);
    }

    public static BucketEncryption decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(" ");
        SseRecord.Kind kind = parts[0].equals("aws:kms") ? SseRecord.Kind.KMS : SseRecord.Kind.S3;
        return new BucketEncryption(kind, parts.length > 2 ? parts[2] : null, Boolean.parseBoolean(parts[1]));
    }

    /** The configuration of a PutBucketEncryption body; MalformedXML or InvalidArgument as S3 answers. */
    public static BucketEncryption of(ServerSideEncryptionConfiguration config) {
        if (config.rules().size() != 1 || config.rules().get(0).byDefault() == null) {
            throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
        ServerSideEncryptionConfiguration.Rule rule = config.rules().get(0);
        ServerSideEncryptionConfiguration.ByDefault byDefault = rule.byDefault();
        String algorithm = byDefault.sseAlgorithm();
        if (algorithm == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
        boolean bucketKey = Boolean.TRUE.equals(rule.bucketKeyEnabled());
        String keyId = byDefault.kmsMasterKeyId() == null || byDefault.kmsMasterKeyId().isBlank()
                ? null : byDefault.kmsMasterKeyId().trim();
        switch (algorithm) {
            case "AES256":
                if (keyId != null) {
                    throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("a KMSMasterKeyID is not applicable "
                            + "if the default sse algorithm is not aws:kms or aws:kms:dsse").with("ArgumentName",
                            "ApplyServerSideEncryptionByDefault");
                }
                return new BucketEncryption(SseRecord.Kind.S3, null, bucketKey);
            case "aws:kms":
                return new BucketEncryption(SseRecord.Kind.KMS, keyId, bucketKey);
            case "aws:kms:dsse":
                throw S3Exception.of(S3ErrorCode.NotImplemented)
                        .withMessage("Coffer does not support dual-layer server-side encryption (DSSE-KMS).");
            default:
                throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
    }

    /** The GetBucketEncryption document, {@code kmsArn} standing for the key id when known. */
    public ServerSideEncryptionConfiguration toXml(String kmsArn) {
        return new ServerSideEncryptionConfiguration(List.of(new ServerSideEncryptionConfiguration.Rule(
                new ServerSideEncryptionConfiguration.ByDefault(kind.header, kind == SseRecord.Kind.KMS ? kmsArn : null),
                bucketKeyEnabled)));
    }
}
