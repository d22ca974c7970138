package dev.coffer.api.xml;

import com.fasterxml.jackson.annotation.JsonProperty;

/** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CommonPrefix.html">CommonPrefix</a>. */
public record CommonPrefix(@JsonProperty("Prefix") String prefix) {
}
