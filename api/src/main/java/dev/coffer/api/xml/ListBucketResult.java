package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html">ListObjects</a>
 * (version 1) response. Null optional fields are omitted; an empty string renders an empty element,
 * as S3 sends {@code <Prefix></Prefix>} and {@code <Marker></Marker>}.
 */
@JacksonXmlRootElement(localName = "ListBucketResult", namespace = S3Xml.NAMESPACE)
public record ListBucketResult(
        @JsonProperty("Name") String name,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("Marker") String marker,
        @JsonProperty("NextMarker") String nextMarker,
        @JsonProperty("MaxKeys") int maxKeys,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JsonProperty("EncodingType") String encodingType,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Contents") List<S3Object> contents,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes) {

    public ListBucketResult {
        contents = contents == null ? List.of() : List.copyOf(contents);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }
}
