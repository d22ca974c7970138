package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html">CopyObject</a> response.
 * The checksums (base64, as in the x-amz-checksum-* headers) are null unless the object has them.
 */
@JacksonXmlRootElement(localName = "CopyObjectResult", namespace = S3Xml.NAMESPACE)
public record CopyObjectResult(
        @JsonProperty("LastModified") Instant lastModified,
        @JsonProperty("ETag") String eTag,
        @JsonProperty("ChecksumType") String checksumType,
        @JsonProperty("ChecksumCRC32") String checksumCrc32,
        @JsonProperty("ChecksumCRC32C") String checksumCrc32c,
        @JsonProperty("ChecksumCRC64NVME") String checksumCrc64nvme,
        @JsonProperty("ChecksumSHA1") String checksumSha1,
        @JsonProperty("ChecksumSHA256") String checksumSha256) {

    public static CopyObjectResult of(Instant lastModified, String eTag) {
        return new CopyObjectResult(lastModified, eTag, null, null, null, null, null, null);
    }
}
