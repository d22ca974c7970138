package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a>
 * response; its root is {@code ListBucketResult} like version 1. Element order follows the AWS
 * examples: the tokens and StartAfter come right after Prefix, KeyCount before MaxKeys.
 */
@JacksonXmlRootElement(localName = "ListBucketResult", namespace = S3Xml.NAMESPACE)
public record ListBucketResultV2(
        @JsonProperty("Name") String name,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("ContinuationToken") String continuationToken,
        @JsonProperty("NextContinuationToken") String nextContinuationToken,
        @JsonProperty("StartAfter") String startAfter,
        @JsonProperty("KeyCount") int keyCount,
        @JsonProperty("MaxKeys") int maxKeys,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("EncodingType") String encodingType,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Contents") List<S3Object> contents,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes) {

    public ListBucketResultV2 {
        contents = contents == null ? List.of() : List.copyOf(contents);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }
}
