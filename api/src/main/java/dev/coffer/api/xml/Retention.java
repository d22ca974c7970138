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
        @JsonProperty("RetainUntilDate") String retainUntilDate,
        @JsonProperty("EventHold") String eventHold,
        @JsonProperty("EventHoldDuration") EventHoldDuration eventHoldDuration) {

    /** Without an event hold, the only retention Coffer has ({@code eventHold} is read to refuse one). */
    public Retention(String mode, String retainUntilDate) {
        this(mode, retainUntilDate, null, null);
    }

    /** EventHoldDuration (Object Lock's event holds, which Coffer does not implement): kept as sent. */
    public record EventHoldDuration(@JsonProperty("Days") String days, @JsonProperty("Years") String years) {}
}
