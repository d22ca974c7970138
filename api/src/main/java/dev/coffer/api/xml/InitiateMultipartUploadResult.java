package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html">CreateMultipartUpload</a> response. */
@JacksonXmlRootElement(localName = "InitiateMultipartUploadResult", namespace = S3Xml.NAMESPACE)
public record InitiateMultipartUploadResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("UploadId") String uploadId) {
}
