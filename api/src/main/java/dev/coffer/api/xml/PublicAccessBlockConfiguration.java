package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html">PublicAccessBlockConfiguration</a>:
 * the PutPublicAccessBlock body and the GetPublicAccessBlock response. An absent element is false.
 */
@JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration", namespace = S3Xml.NAMESPACE)
public record PublicAccessBlockConfiguration(
        @JsonProperty("BlockPublicAcls") Boolean blockPublicAcls,
        @JsonProperty("IgnorePublicAcls") Boolean ignorePublicAcls,
        @JsonProperty("BlockPublicPolicy") Boolean blockPublicPolicy,
        @JsonProperty("RestrictPublicBuckets") Boolean restrictPublicBuckets) {}
