package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_BucketLifecycleConfiguration.html">BucketLifecycleConfiguration</a>:
 * the PutBucketLifecycleConfiguration body and the GetBucketLifecycleConfiguration response
 * (element {@code LifecycleConfiguration}). Numbers are read as text so that the rules, not the
 * XML reader, decide what a bad one answers ({@code dev.coffer.api.lifecycle.LifecycleRules}).
 */
@JacksonXmlRootElement(localName = "LifecycleConfiguration", namespace = S3Xml.NAMESPACE)
public record LifecycleConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Rule") List<Rule> rules) {

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html">LifecycleRule</a>. */
    public record Rule(
            @JsonProperty("Expiration") Expiration expiration,
            @JsonProperty("ID") String id,
            @JsonProperty("Prefix") String prefix,
            @JsonProperty("Filter") Filter filter,
            @JsonProperty("Status") String status,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("Transition") List<Transition> transitions,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("NoncurrentVersionTransition") List<Transition> noncurrentTransitions,
            @JsonProperty("NoncurrentVersionExpiration") NoncurrentVersionExpiration noncurrentVersionExpiration,
            @JsonProperty("AbortIncompleteMultipartUpload") AbortIncompleteMultipartUpload abortIncompleteMultipartUpload) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html">LifecycleExpiration</a>. */
    public record Expiration(
            @JsonProperty("Date") String date,
            @JsonProperty("Days") String days,
            @JsonProperty("ExpiredObjectDeleteMarker") String expiredObjectDeleteMarker) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRuleFilter.html">LifecycleRuleFilter</a>. */
    public record Filter(
            @JsonProperty("Prefix") String prefix,
            @JsonProperty("Tag") Tag tag,
            @JsonProperty("ObjectSizeGreaterThan") String objectSizeGreaterThan,
            @JsonProperty("ObjectSizeLessThan") String objectSizeLessThan,
            @JsonProperty("And") And and) {
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRuleAndOperator.html">LifecycleRuleAndOperator</a>. */
    public record And(
            @JsonProperty("Prefix") String prefix,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("Tag") List<Tag> tags,
            @JsonProperty("ObjectSizeGreaterThan") String objectSizeGreaterThan,
            @JsonProperty("ObjectSizeLessThan") String objectSizeLessThan) {
    }

    public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }

    /** Transition and NoncurrentVersionTransition: read, then refused by {@code LifecycleRules} (no class to go to). */
    public record Transition(
            @JsonProperty("Date") String date,
            @JsonProperty("Days") String days,
            @JsonProperty("NoncurrentDays") String noncurrentDays,
            @JsonProperty("NewerNoncurrentVersions") String newerNoncurrentVersions,
            @JsonProperty("StorageClass") String storageClass) {
    }

    public record NoncurrentVersionExpiration(
            @JsonProperty("NoncurrentDays") String noncurrentDays,
            @JsonProperty("NewerNoncurrentVersions") String newerNoncurrentVersions) {
    }

    public record AbortIncompleteMultipartUpload(@JsonProperty("DaysAfterInitiation") String daysAfterInitiation) {
    }
}
