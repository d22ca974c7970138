package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Tagging.html">Tagging</a>: the body of
 * PutObjectTagging and PutBucketTagging, the answer of their Get operations, and a POST form's
 * {@code tagging} field. {@code tagSet} is null when the document has no TagSet element.
 */
@JacksonXmlRootElement(localName = "Tagging", namespace = S3Xml.NAMESPACE)
public record Tagging(@JsonProperty("TagSet") TagSet tagSet) {

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Tag.html">Tag</a>s in the client's order. */
    public record TagSet(
            @JacksonXmlElementWrapper(useWrapping = false)
            @JsonProperty("Tag") List<Tag> tags) {

        public TagSet {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** A key and its value; either is null when its element is missing. */
    public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }
}
