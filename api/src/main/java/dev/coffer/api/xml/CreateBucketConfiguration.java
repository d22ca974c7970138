package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html">CreateBucketConfiguration</a>:
 * the optional CreateBucket body. Its {@code Location} and {@code Bucket} elements (directory
 * buckets) are ignored. An empty CreateBucket body is valid: check for it before {@link S3Xml#read}.
 */
@JacksonXmlRootElement(localName = "CreateBucketConfiguration", namespace = S3Xml.NAMESPACE)
public record CreateBucketConfiguration(@JsonProperty("LocationConstraint") String locationConstraint) {
}
