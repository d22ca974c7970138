package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html">Owner</a>. */
public record Owner(
        @JsonProperty("ID") String id,
        @JsonProperty("DisplayName") String displayName) {
}
