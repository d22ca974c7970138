package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Delete.html">Delete</a>: the DeleteObjects request body. */
@JacksonXmlRootElement(localName = "Delete", namespace = S3Xml.NAMESPACE)
public record Delete(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Object") List<ObjectIdentifier> objects,
        @JsonProperty("Quiet") boolean quiet) {

    public Delete {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectIdentifier.html">ObjectIdentifier</a>;
     * {@code eTag} is a condition: delete only if the object's entity tag matches ({@code *}: if
     * there is an object). {@code lastModifiedTime} and {@code size} are conditions of directory
     * buckets only, kept as sent so that a request carrying them is refused rather than ignored.
     */
    public record ObjectIdentifier(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("ETag") String eTag,
            @JsonProperty("LastModifiedTime") String lastModifiedTime,
            @JsonProperty("Size") String size) {

        public ObjectIdentifier(String key, String versionId, String eTag) {
            this(key, versionId, eTag, null, null);
        }
    }
}
