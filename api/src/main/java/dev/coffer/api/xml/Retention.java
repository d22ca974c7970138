package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectLockRetention.html">Retention</a>:
 * the PutObjectRetention body and the GetObjectRetention response. Both fields absent: no
 * retention (a PutObjectRetention that removes one, which only a governance bypass may do).
 *
 * @param mode GOVERNANCE or COMPLIANCE
 * @param retainUntilDate an ISO 8601 timestamp
 */
@JacksonXmlRootElement(localName = "Retention", namespace = S3Xml.NAMESPACE)
public record Retention(
        @JsonProperty("Mode") String mode,
        @JsonProperty("RetainUntilDate") String retainUntilDate) {
}
