package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectLockConfiguration.html">ObjectLockConfiguration</a>:
 * the PutObjectLockConfiguration body and the GetObjectLockConfiguration response. Numbers are
 * kept as text so that a bad one is refused as S3 refuses it, not as malformed XML.
 *
 * @param objectLockEnabled Enabled, the only value S3 knows
 * @param rule the default retention, or null for none
 */
@JacksonXmlRootElement(localName = "ObjectLockConfiguration", namespace = S3Xml.NAMESPACE)
public record ObjectLockConfiguration(
        @JsonProperty("ObjectLockEnabled") String objectLockEnabled,
        @JsonProperty("Rule") Rule rule) {

    /** ObjectLockRule. */
    public record Rule(@JsonProperty("DefaultRetention") DefaultRetention defaultRetention) {}

    /**
     * DefaultRetention: a mode and exactly one of Days and Years. {@code defaultEventHold} (Object
     * Lock's event holds) is read only to be refused: Coffer does not implement them.
     */
    public record DefaultRetention(
            @JsonProperty("Mode") String mode,
            @JsonProperty("Days") String days,
            @JsonProperty("Years") String years,
            @JsonProperty("DefaultEventHold") Retention.EventHoldDuration defaultEventHold) {

        public DefaultRetention(String mode, String days, String years) {
            this(mode, days, years, null);
        }
    }
}
