package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionConfiguration.html">ServerSideEncryptionConfiguration</a>:
 * the PutBucketEncryption body and the GetBucketEncryption response (one rule).
 */
@JacksonXmlRootElement(localName = "ServerSideEncryptionConfiguration", namespace = S3Xml.NAMESPACE)
public record ServerSideEncryptionConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Rule") List<Rule> rules) {

    public ServerSideEncryptionConfiguration {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionRule.html">ServerSideEncryptionRule</a>. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(
            @JsonProperty("ApplyServerSideEncryptionByDefault") ByDefault byDefault,
            @JsonProperty("BucketKeyEnabled") Boolean bucketKeyEnabled) {}

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html">ServerSideEncryptionByDefault</a>. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ByDefault(
            @JsonProperty("SSEAlgorithm") String sseAlgorithm,
            @JsonProperty("KMSMasterKeyID") String kmsMasterKeyId) {}
}
