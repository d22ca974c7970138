package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectLockLegalHold.html">LegalHold</a>:
 * the PutObjectLegalHold body and the GetObjectLegalHold response.
 *
 * @param status ON or OFF
 */
@JacksonXmlRootElement(localName = "LegalHold", namespace = S3Xml.NAMESPACE)
public record LegalHold(@JsonProperty("Status") String status) {
}
