package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * What a browser POST upload answers with {@code success_action_status=201}.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
@JacksonXmlRootElement(localName = "PostResponse", namespace = S3Xml.NAMESPACE)
public record PostResponse(
        @JsonProperty("Location") String location,
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("ETag") String eTag) {}
