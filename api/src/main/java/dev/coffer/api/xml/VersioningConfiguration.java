package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_VersioningConfiguration.html">VersioningConfiguration</a>:
 * the PutBucketVersioning body and the GetBucketVersioning response. Both fields are omitted
 * (an empty element) for a bucket that never had versioning configured.
 *
 * @param status Enabled or Suspended
 * @param mfaDelete Enabled or Disabled; Coffer supports only Disabled
 */
@JacksonXmlRootElement(localName = "VersioningConfiguration", namespace = S3Xml.NAMESPACE)
public record VersioningConfiguration(
        @JsonProperty("Status") String status,
        @JsonProperty("MfaDelete") String mfaDelete) {
}
