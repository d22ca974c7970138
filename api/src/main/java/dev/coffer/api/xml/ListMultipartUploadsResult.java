package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html">ListMultipartUploads</a> response. */
@JacksonXmlRootElement(localName = "ListMultipartUploadsResult", namespace = S3Xml.NAMESPACE)
public record ListMultipartUploadsResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("KeyMarker") String keyMarker,
        @JsonProperty("UploadIdMarker") String uploadIdMarker,
        @JsonProperty("NextKeyMarker") String nextKeyMarker,
        @JsonProperty("NextUploadIdMarker") String nextUploadIdMarker,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("MaxUploads") int maxUploads,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("Upload") List<Upload> uploads,
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes,
        @JsonProperty("EncodingType") String encodingType) {

    public ListMultipartUploadsResult {
        uploads = uploads == null ? List.of() : List.copyOf(uploads);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_MultipartUpload.html">MultipartUpload</a>. */
    public record Upload(
            @JsonProperty("Key") String key,
            @JsonProperty("UploadId") String uploadId,
            @JsonProperty("Initiator") Owner initiator,
            @JsonProperty("Owner") Owner owner,
            @JsonProperty("StorageClass") String storageClass,
            @JsonProperty("Initiated") Instant initiated,
            @JsonProperty("ChecksumAlgorithm") String checksumAlgorithm,
            @JsonProperty("ChecksumType") String checksumType) {
    }
}
