package dev.coffer.metadata;

import java.util.Collections;
import java.util.Map;

/**
 * What a listing shows of an object version (ListObjects, ListObjectsV2): the fields of its
 * {@link ObjectRecord} that a Contents entry prints, and the attributes (an owner other than the
 * bucket's lives in one), decoded without its headers, metadata, checksums, inline bytes, chunks
 * or parts ({@link ValueCodecs#objectSummary}).
 *
 * @param size payload length in bytes
 * @param etag the ETag without quotes
 * @param lastModifiedMillis commit time, epoch milliseconds
 * @param attributes as {@link ObjectRecord#attributes()}
 */
public record ObjectSummary(long size, String etag, long lastModifiedMillis, Map<String, byte[]> attributes) {

    public ObjectSummary {
        attributes = Collections.unmodifiableMap(attributes);
    }

    /** The summary of a whole record. */
    public static ObjectSummary of(ObjectRecord record) {
        return new ObjectSummary(record.size(), record.etag(), record.lastModifiedMillis(), record.attributes());
    }
}
