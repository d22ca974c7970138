package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html">GetBucketPolicyStatus</a>
 * response: whether the bucket's policy is public.
 */
@JacksonXmlRootElement(localName = "PolicyStatus", namespace = S3Xml.NAMESPACE)
public record PolicyStatus(@JsonProperty("IsPublic") boolean isPublic) {}
