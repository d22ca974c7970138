package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html">ListObjectVersions</a>
 * response. Deliberate difference: S3 interleaves {@code Version} and {@code DeleteMarker}
 * elements in listing order; here all versions come first, then all delete markers (each list in
 * listing order). The SDKs and the CLI read them into two separate lists either way.
 */
@JacksonXmlRootElement(localName = "ListVersionsResult", namespace = S3Xml.NAMESPACE)
public record ListVersionsResult(
        @JsonProperty("Name") String name,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("KeyMarker") String keyMarker,
        @JsonProperty("VersionIdMarker") String versionIdMarker,
        @JsonProperty("NextKeyMarker") String nextKeyMarker,
        @JsonProperty("NextVersionIdMarker") String nextVersionIdMarker,
        @JsonProperty("MaxKeys") int maxKeys,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("EncodingType") String encodingType,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Version") List<Version> versions,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("DeleteMarker") List<DeleteMarkerEntry> deleteMarkers,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes) {

    public ListVersionsResult {
        versions = versions == null ? List.of() : List.copyOf(versions);
        deleteMarkers = deleteMarkers == null ? List.of() : List.copyOf(deleteMarkers);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectVersion.html">ObjectVersion</a>. */
    public record Version(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("IsLatest") boolean isLatest,
            @JsonProperty("LastModified") Instant lastModified,
            @JsonProperty("ETag") String eTag,
            @JsonProperty("Size") long size,
            @JsonProperty("StorageClass") String storageClass,
            @JsonProperty("Owner") Owner owner) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteMarkerEntry.html">DeleteMarkerEntry</a>. */
    public record DeleteMarkerEntry(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("IsLatest") boolean isLatest,
            @JsonProperty("LastModified") Instant lastModified,
            @JsonProperty("Owner") Owner owner) {
    }
}
