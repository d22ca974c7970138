package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html">CompleteMultipartUpload</a> response. */
@JacksonXmlRootElement(localName = "CompleteMultipartUploadResult", namespace = S3Xml.NAMESPACE)
public record CompleteMultipartUploadResult(
        @JsonProperty("Location") String location,
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("ETag") String eTag,
        @JsonUnwrapped ChecksumValues checksums,
        @JsonProperty("ChecksumType") String checksumType) {
}
