package dev.coffer.api.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import tools.jackson.dataformat.xml.annotation.JacksonXmlText;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a>
 * response: the region as the root's text, an empty root for us-east-1.
 */
@JacksonXmlRootElement(localName = "LocationConstraint", namespace = S3Xml.NAMESPACE)
public record LocationConstraint(@JacksonXmlText String region) {

    /** S3 answers us-east-1 with an empty element, for compatibility with pre-region clients. */
    public static LocationConstraint of(String region) {
        return new LocationConstraint(region == null || region.equals("us-east-1") ? null : region);
    }
}
