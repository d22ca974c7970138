package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSConfiguration.html">CORSConfiguration</a>:
 * the PutBucketCors body and the GetBucketCors response, one {@code CORSRule} element per rule.
 */
@JacksonXmlRootElement(localName = "CORSConfiguration", namespace = S3Xml.NAMESPACE)
public record CORSConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CORSRule") List<CORSRule> rules) {

    public CORSConfiguration {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html">CORSRule</a>, its
     * elements in the order of the AWS model; a list left out reads as empty and is not written.
     */
    public record CORSRule(
            @JsonProperty("ID") String id,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("AllowedHeader") List<String> allowedHeaders,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("AllowedMethod") List<String> allowedMethods,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("AllowedOrigin") List<String> allowedOrigins,
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("ExposeHeader") List<String> exposeHeaders,
            @JsonProperty("MaxAgeSeconds") Integer maxAgeSeconds) {
    }
}
