package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a>
 * response; ContinuationToken (the next page's, when there is one) and Prefix (as asked) are sent
 * only for a paged listing.
 */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult", namespace = S3Xml.NAMESPACE)
public record ListAllMyBucketsResult(
        @JsonProperty("Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "Buckets")
        @JacksonXmlProperty(localName = "Bucket") List<Bucket> buckets,
        /* optional */ @JsonProperty("ContinuationToken") String continuationToken,
        /* optional */ @JsonProperty("Prefix") String prefix) {

    public ListAllMyBucketsResult {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /** An unpaged listing: every bucket. */
    public ListAllMyBucketsResult(Owner owner, List<Bucket> buckets) {
        this(owner, buckets, null, null);
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Bucket.html">Bucket</a>. */
    public record Bucket(
            @JsonProperty("Name") String name,
            @JsonProperty("CreationDate") Instant creationDate,
            /* optional */ @JsonProperty("BucketRegion") String bucketRegion) {
    }
}
