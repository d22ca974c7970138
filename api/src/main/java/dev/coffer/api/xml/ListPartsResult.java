package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html">ListParts</a> response. */
@JacksonXmlRootElement(localName = "ListPartsResult", namespace = S3Xml.NAMESPACE)
public record ListPartsResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("UploadId") String uploadId,
        @JsonProperty("PartNumberMarker") int partNumberMarker,
        @JsonProperty("NextPartNumberMarker") Integer nextPartNumberMarker,
        @JsonProperty("MaxParts") int maxParts,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Part") List<Part> parts,
        @JsonProperty("Initiator") Owner initiator,
        @JsonProperty("Owner") Owner owner,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("ChecksumAlgorithm") String checksumAlgorithm,
        @JsonProperty("ChecksumType") String checksumType) {

    public ListPartsResult {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Part.html">Part</a>; {@code eTag} quoted. */
    public record Part(
            @JsonProperty("PartNumber") int partNumber,
            @JsonProperty("LastModified") Instant lastModified,
            @JsonProperty("ETag") String eTag,
            @JsonProperty("Size") long size,
            @JsonUnwrapped ChecksumValues checksums) {
    }
}
