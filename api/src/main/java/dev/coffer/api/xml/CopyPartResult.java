package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html">UploadPartCopy</a> response. */
@JacksonXmlRootElement(localName = "CopyPartResult", namespace = S3Xml.NAMESPACE)
public record CopyPartResult(
        @JsonProperty("LastModified") Instant lastModified,
        @JsonProperty("ETag") String eTag,
        @JsonUnwrapped ChecksumValues checksums) {
}
