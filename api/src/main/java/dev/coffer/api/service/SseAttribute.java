package dev.coffer.api.service;

import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.SseRecord;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.UploadRecord;
import dev.coffer.storage.DataKey;

/** The {@code sse} attribute of versions and uploads: read it, set it. */
public final class SseAttribute {
    private SseAttribute() {}

    /** How the version is encrypted, or null when it is stored as sent. */
    public static SseRecord of(ObjectRecord record) {
        return record.attribute(SseRecord.ATTRIBUTE).map(SseRecord::decode).orElse(null);
    }

    /** How the upload's parts are encrypted, or null when they are stored as sent. */
    public static SseRecord of(UploadRecord upload) {
        byte[] value = upload.attributes().get(SseRecord.ATTRIBUTE);
        return value == null ? null : SseRecord.decode(value);
    }

    /** {@code record} marked as sealed by {@code sealed} (unchanged when null). */
    public static ObjectRecord with(ObjectRecord record, Encryption.Sealed sealed) {
        return sealed == null ? record : record.withAttribute(SseRecord.ATTRIBUTE, sealed.record().encode());
    }

    /**
     * A copy's record: its inline bytes (if any) decrypted with the source's key and sealed under
     * the target's, and the target's {@code sse} attribute (a copy starts with no attributes).
     */
    static ObjectRecord sealedCopy(ObjectRecord copy, DataKey sourceKey, Encryption.Sealed sealed) {
        ObjectRecord record = copy;
        if (copy.inline() != null) {
            byte[] plain = sourceKey == null ? copy.inline() : sourceKey.cryptInline(copy.inline());
            byte[] stored = sealed == null ? plain : sealed.key().cryptInline(plain);
            record = new ObjectRecord(copy.size(), copy.etag(), copy.lastModifiedMillis(), copy.contentHeaders(),
                    copy.userMetadata(), copy.checksums(), stored, copy.chunks(), copy.versionId(), copy.deleteMarker(),
                    copy.checksumType(), copy.parts(), copy.attributes());
        }
        return with(record, sealed);
    }
}
