package dev.coffer.metadata;

import java.util.Objects;

/**
 * An event waiting in the outbox for its target ({@link Outbox}): what the change did, as S3's
 * event message reports it, written by the same command as the change.
 *
 * @param key where it waits: its target, then the order of the commands that wrote it
 * @param eventName S3's name without {@code s3:}, e.g. {@code ObjectCreated:Put}
 * @param millis the time of the change (the command's)
 * @param size the object's size (creations), or -1
 * @param etag the object's ETag without quotes (creations), or null
 * @param versionId the version created, removed or the delete marker made, or null (unversioned)
 * @param sequencer 16 hex digits that order the events of one key
 * @param ruleId the notification rule (its Id) that matched
 * @param origin who asked, from where (null fields when the change was not a request's: lifecycle)
 */
public record NotificationEvent(Key key, String eventName, long millis, String bucket, String objectKey, long size,
                                String etag, String versionId, String sequencer, String ruleId, EventOrigin origin) {
    public NotificationEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventName, "eventName");
        origin = origin == null ? EventOrigin.NONE : origin;
    }

    /**
     * An outbox row's key: the target's ARN, then the command's sequence and random half (unique
     * across the nodes of a cluster), then the event's place among the command's.
     */
    public record Key(String target, long sequence, long random, int index) {
        public Key {
            Objects.requireNonNull(target, "target");
            if (target.indexOf('\0') >= 0) throw new IllegalArgumentException("a target with 0x00");
        }
    }
}
