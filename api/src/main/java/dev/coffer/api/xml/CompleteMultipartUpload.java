package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html">CompleteMultipartUpload</a>
 * request body: the parts to assemble, in order.
 */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload", namespace = S3Xml.NAMESPACE)
public record CompleteMultipartUpload(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Part") List<Part> parts) {

    public CompleteMultipartUpload {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompletedPart.html">CompletedPart</a>. */
    public record Part(
            @JsonProperty("PartNumber") Integer partNumber,
            @JsonProperty("ETag") String eTag,
            @JsonProperty("ChecksumCRC32") String checksumCrc32,
            @JsonProperty("ChecksumCRC32C") String checksumCrc32c,
            @JsonProperty("ChecksumCRC64NVME") String checksumCrc64nvme,
            @JsonProperty("ChecksumSHA1") String checksumSha1,
            @JsonProperty("ChecksumSHA256") String checksumSha256) {

        public ChecksumValues checksums() {
            return new ChecksumValues(checksumCrc32, checksumCrc32c, checksumCrc64nvme, checksumSha1, checksumSha256);
        }
    }
}
