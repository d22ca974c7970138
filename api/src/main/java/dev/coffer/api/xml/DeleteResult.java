package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html">DeleteObjects</a> response. */
@JacksonXmlRootElement(localName = "DeleteResult", namespace = S3Xml.NAMESPACE)
public record DeleteResult(
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Deleted") List<DeletedObject> deleted,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Error") List<Error> errors) {

    public DeleteResult {
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeletedObject.html">DeletedObject</a>.
     * {@code deleteMarker} is null (omitted) unless the delete created or removed a delete marker.
     */
    public record DeletedObject(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("DeleteMarker") Boolean deleteMarker,
            @JsonProperty("DeleteMarkerVersionId") String deleteMarkerVersionId) {

        public static DeletedObject of(String key) {
            return new DeletedObject(key, null, null, null);
        }
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Error.html">Error</a>: one key not deleted. */
    public record Error(
            @JsonProperty("Key") String key,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("Code") String code,
            @JsonProperty("Message") String message) {
    }
}
