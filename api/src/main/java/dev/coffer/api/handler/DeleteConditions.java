package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.WriteCondition;

/**
 * S3's conditional deletes (general purpose buckets since 2025-09-16): {@code If-Match} on
 * DeleteObject, the {@code ETag} element of each DeleteObjects key. An ETag or {@code *} ("the key
 * has an object"), judged against the current version only, atomically with the delete (the
 * catalogue's DeleteObject command). The matrix of answers: docs/conditional-deletes.md.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 */
final class DeleteConditions {
    private DeleteConditions() {}

    /** {@code *} → any current object; an ETag, quoted or not → that ETag; null → none. */
    static WriteCondition parse(String ifMatch) {
        if (ifMatch == null) return WriteCondition.NONE;
        String value = ifMatch.trim();
        if (value.equals("*")) return new WriteCondition.IfPresent();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new WriteCondition.IfEtagMatches(value);
    }

    /**
     * DeleteObject's condition. With a {@code versionId} S3 refuses it (501 NotImplemented naming
     * If-Match, measured): a condition is judged on the current version only, never on a named one.
     */
    static WriteCondition of(String ifMatch, String versionId) {
        WriteCondition condition = parse(ifMatch);
        if (versionId != null && !(condition instanceof WriteCondition.None)) {
            throw S3Exception.of(S3ErrorCode.NotImplemented).with("Header", "If-Match");
        }
        return condition;
    }
}
