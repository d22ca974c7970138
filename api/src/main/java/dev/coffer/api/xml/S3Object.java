package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html">Object</a>, one
 * {@code <Contents>} entry of a listing (named as the AWS SDKs name it, to avoid {@code Object}).
 *
 * @param eTag the entity tag with its quotes, as S3 sends it (see {@link ETags#quote})
 * @param owner null unless the listing asks for owners
 */
public record S3Object(
        @JsonProperty("Key") String key,
        @JsonProperty("LastModified") Instant lastModified,
        @JsonProperty("ETag") String eTag,
        @JsonProperty("Size") long size,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("Owner") Owner owner) {
}
