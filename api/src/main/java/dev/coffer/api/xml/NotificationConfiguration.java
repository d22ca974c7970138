package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_NotificationConfiguration.html">NotificationConfiguration</a>:
 * the PutBucketNotificationConfiguration body and the GetBucketNotificationConfiguration response.
 * {@code EventBridgeConfiguration} is read only to be refused (NotImplemented).
 */
@JacksonXmlRootElement(localName = "NotificationConfiguration", namespace = S3Xml.NAMESPACE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NotificationConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("TopicConfiguration") List<Target> topics,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("QueueConfiguration") List<Target> queues,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CloudFunctionConfiguration") List<Target> functions,
        @JsonProperty("EventBridgeConfiguration") Object eventBridge) {

    public NotificationConfiguration {
        topics = topics == null ? List.of() : List.copyOf(topics);
        queues = queues == null ? List.of() : List.copyOf(queues);
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    /**
     * A TopicConfiguration, QueueConfiguration or CloudFunctionConfiguration: the destination's ARN is
     * in {@code Topic}, {@code Queue} or {@code CloudFunction} respectively.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Target(
            @JsonProperty("Id") String id,
            @JsonProperty("Topic") String topic,
            @JsonProperty("Queue") String queue,
            @JsonProperty("CloudFunction") String cloudFunction,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("Event") List<String> events,
            @JsonProperty("Filter") Filter filter) {}

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_NotificationConfigurationFilter.html">Filter</a>. */
    public record Filter(@JsonProperty("S3Key") S3Key key) {}

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_S3KeyFilter.html">S3Key</a>. */
    public record S3Key(
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("FilterRule") List<FilterRule> rules) {}

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html">FilterRule</a>. */
    public record FilterRule(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {}
}
