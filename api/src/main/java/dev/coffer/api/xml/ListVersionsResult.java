package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html">ListObjectVersions</a>
 * response. {@code Version} and {@code DeleteMarker} elements come interleaved in listing order
 * (key, then newest first), as in the reference's example: one list of {@link Entry}s, written by
 * {@link Writer} because a record's component maps to one element name.
 */
@JacksonXmlRootElement(localName = "ListVersionsResult", namespace = S3Xml.NAMESPACE)
@JsonSerialize(using = ListVersionsResult.Writer.class)
public record ListVersionsResult(
        String name,
        String prefix,
        String keyMarker,
        String versionIdMarker,
        String nextKeyMarker,
        String nextVersionIdMarker,
        int maxKeys,
        String delimiter,
        String encodingType,
        boolean isTruncated,
        List<Entry> entries,
        List<CommonPrefix> commonPrefixes) {

    public ListVersionsResult {
        entries = entries == null ? List.of() : List.copyOf(entries);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }

    /** A version or a delete marker, in listing order. */
    public sealed interface Entry permits Version, DeleteMarkerEntry {}

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectVersion.html">ObjectVersion</a>. */
    public record Version(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("IsLatest") boolean isLatest,
            @JsonProperty("LastModified") Instant lastModified,
            @JsonProperty("ETag") String eTag,
            @JsonProperty("Size") long size,
            @JsonProperty("StorageClass") String storageClass,
            @JsonProperty("Owner") Owner owner) implements Entry {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteMarkerEntry.html">DeleteMarkerEntry</a>. */
    public record DeleteMarkerEntry(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("IsLatest") boolean isLatest,
            @JsonProperty("LastModified") Instant lastModified,
            @JsonProperty("Owner") Owner owner) implements Entry {
    }

    /** Writes the elements in the reference's order, leaving out absent (null) ones. */
    static final class Writer extends ValueSerializer<ListVersionsResult> {
        @Override
        public void serialize(ListVersionsResult r, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject(r);
            text(gen, "Name", r.name());
            text(gen, "Prefix", r.prefix());
            text(gen, "KeyMarker", r.keyMarker());
            text(gen, "VersionIdMarker", r.versionIdMarker());
            text(gen, "NextKeyMarker", r.nextKeyMarker());
            text(gen, "NextVersionIdMarker", r.nextVersionIdMarker());
            gen.writeName("MaxKeys");
            gen.writeNumber(r.maxKeys());
            text(gen, "Delimiter", r.delimiter());
            text(gen, "EncodingType", r.encodingType());
            gen.writeName("IsTruncated");
            gen.writeBoolean(r.isTruncated());
            for (Entry e : r.entries()) {
                gen.writeName(e instanceof Version ? "Version" : "DeleteMarker");
                ctxt.writeValue(gen, e);
            }
            for (CommonPrefix p : r.commonPrefixes()) {
                gen.writeName("CommonPrefixes");
                ctxt.writeValue(gen, p);
            }
            gen.writeEndObject();
        }

        private static void text(JsonGenerator gen, String name, String value) {
            if (value == null) return;
            gen.writeName(name);
            gen.writeString(value);
        }
    }
}
