package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_OwnershipControls.html">OwnershipControls</a>:
 * the PutBucketOwnershipControls body and the GetBucketOwnershipControls response (one Rule).
 */
@JacksonXmlRootElement(localName = "OwnershipControls", namespace = S3Xml.NAMESPACE)
public record OwnershipControls(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Rule") List<Rule> rules) {

    public OwnershipControls {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_OwnershipControlsRule.html">OwnershipControlsRule</a>. */
    public record Rule(@JsonProperty("ObjectOwnership") String objectOwnership) {}
}
