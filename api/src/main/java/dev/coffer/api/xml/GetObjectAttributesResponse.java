package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html">GetObjectAttributes</a>
 * response; each element is null (omitted) unless asked for in x-amz-object-attributes. The ETag is unquoted.
 */
@JacksonXmlRootElement(localName = "GetObjectAttributesResponse", namespace = S3Xml.NAMESPACE)
public record GetObjectAttributesResponse(
        @JsonProperty("ETag") String eTag,
        @JsonProperty("Checksum") Checksum checksum,
        @JsonProperty("ObjectParts") ObjectParts objectParts,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("ObjectSize") Long objectSize) {

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Checksum.html">Checksum</a>. */
    public record Checksum(
            @JsonUnwrapped ChecksumValues values,
            @JsonProperty("ChecksumType") String checksumType) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributesParts.html">GetObjectAttributesParts</a>. */
    public record ObjectParts(
            @JsonProperty("PartsCount") int partsCount,
            @JsonProperty("PartNumberMarker") int partNumberMarker,
            @JsonProperty("NextPartNumberMarker") Integer nextPartNumberMarker,
            @JsonProperty("MaxParts") int maxParts,
            @JsonProperty("IsTruncated") boolean isTruncated,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("Part") List<Part> parts) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectPart.html">ObjectPart</a>. */
    public record Part(
            @JsonProperty("PartNumber") int partNumber,
            @JsonProperty("Size") long size,
            @JsonUnwrapped ChecksumValues checksums) {
    }
}
