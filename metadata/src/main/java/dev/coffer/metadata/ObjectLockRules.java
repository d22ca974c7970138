package dev.coffer.metadata;

/**
 * Object Lock, as the applier enforces it (S3's rules): what protects a version from being removed
 * or replaced, and which retention changes are allowed. Every check compares dates with the
 * command's chosen time, never the clock, so a command is refused the same way wherever it is applied.
 *
 * <ul>
 *   <li>A legal hold ON protects the version, whatever its retention and whoever asks.
 *   <li>A retention in effect (its date not passed) protects it: COMPLIANCE always, GOVERNANCE
 *       unless the command bypasses governance retention.
 *   <li>A retention in effect may be tightened by anyone allowed to set it (a later date; GOVERNANCE
 *       to COMPLIANCE); loosening it (an earlier date, removing it, COMPLIANCE to GOVERNANCE) needs
 *       a governance bypass, and is never allowed to COMPLIANCE.
 *   <li>Delete markers carry no lock: removing one is never refused.
 * </ul>
 */
final class ObjectLockRules {
    private ObjectLockRules() {}

    /** Refuses unless {@code record} may be removed or replaced at {@code millis}. */
    static void checkRemovable(ObjectKey id, ObjectRecord record, long millis, boolean bypassGovernance) {
        if (record.deleteMarker()) return;
        if (legalHold(record)) throw locked(id, record, ObjectLockedException.Protection.LEGAL_HOLD);
        Retention retention = retention(record);
        if (retention == null || !retention.inEffectAt(millis)) return;
        if (retention.mode() == RetentionMode.COMPLIANCE) {
            throw locked(id, record, ObjectLockedException.Protection.COMPLIANCE);
        }
        if (!bypassGovernance) throw locked(id, record, ObjectLockedException.Protection.GOVERNANCE);
    }

    /** Refuses unless {@code record}'s retention may become {@code next} (null: removed) at {@code millis}. */
    static void checkRetentionChange(ObjectKey id, ObjectRecord record, Retention next, long millis,
                                     boolean bypassGovernance) {
        Retention current = retention(record);
        if (current == null || !current.inEffectAt(millis)) return;
        boolean tightens = next != null && next.retainUntilMillis() >= current.retainUntilMillis()
                && (next.mode() == current.mode() || next.mode() == RetentionMode.COMPLIANCE);
        if (tightens) return;
        if (current.mode() == RetentionMode.COMPLIANCE) {
            throw locked(id, record, ObjectLockedException.Protection.COMPLIANCE);
        }
        if (!bypassGovernance) throw locked(id, record, ObjectLockedException.Protection.GOVERNANCE);
    }

    /** Refuses a retention or legal hold in a bucket without Object Lock. */
    static void checkLockable(BucketRecord bucket, ObjectRecord record) {
        checkLockable(bucket, record.attributes());
    }

    /** Refuses {@code attributes} naming a retention or legal hold in a bucket without Object Lock. */
    static void checkLockable(BucketRecord bucket, java.util.Map<String, byte[]> attributes) {
        if (!bucket.objectLock() && (attributes.containsKey(Retention.ATTRIBUTE) || attributes.containsKey(LegalHold.ATTRIBUTE))) {
            throw new ObjectLockStateException(bucket.name(), ObjectLockStateException.Problem.BUCKET_NOT_LOCK_ENABLED);
        }
    }

    /**
     * The precondition of SetObjectAttribute for Object Lock's own attributes: a bucket with Object
     * Lock, a well-formed value, and a retention change the rules allow. Other attributes pass.
     */
    static void checkAttributeChange(BucketRecord bucket, ObjectKey id, ObjectRecord record, String name, byte[] value,
                                     long millis, boolean bypassGovernance) {
        if (name.equals(Retention.ATTRIBUTE)) {
            checkLockable(bucket, java.util.Map.of(name, new byte[0]));
            checkRetentionChange(id, record, value == null ? null : Retention.decode(value), millis, bypassGovernance);
        } else if (name.equals(LegalHold.ATTRIBUTE)) {
            checkLockable(bucket, java.util.Map.of(name, new byte[0]));
            if (value != null) LegalHold.decode(value);
        }
    }

    static Retention retention(ObjectRecord record) {
        byte[] bytes = record.attributes().get(Retention.ATTRIBUTE);
        return bytes == null ? null : Retention.decode(bytes);
    }

    static boolean legalHold(ObjectRecord record) {
        byte[] bytes = record.attributes().get(LegalHold.ATTRIBUTE);
        return bytes != null && LegalHold.decode(bytes);
    }

    private static ObjectLockedException locked(ObjectKey id, ObjectRecord record,
                                                ObjectLockedException.Protection protection) {
        return new ObjectLockedException(id.bucket(), id.key(),
                record.versionId() == null ? VersionIds.NULL : record.versionId(), protection);
    }
}
