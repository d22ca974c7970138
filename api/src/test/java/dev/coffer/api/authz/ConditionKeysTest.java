package dev.coffer.api.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.auth.policy.RequestContext;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ConditionKeysTest {

    @Test
    void aListingCarriesItsParametersThePeerAndTheTransport() {
        MockServerHttpRequest http = MockServerHttpRequest.get("/b").remoteAddress(new InetSocketAddress("10.1.2.3", 4000))
                .build();
        S3Request s3 = new S3Request(S3Operation.LIST_OBJECTS_V2, "b", null,
                Map.of("list-type", "2", "prefix", "home/alice/", "delimiter", "/", "max-keys", "10"), false);
        RequestContext keys = ConditionKeys.of(http, s3, Map.of("referer", "https://example.com/"));
        assertThat(keys.get("aws:SourceIp")).containsExactly("10.1.2.3");
        assertThat(keys.get("aws:securetransport")).containsExactly("false");
        assertThat(keys.get("s3:prefix")).containsExactly("home/alice/");
        assertThat(keys.get("s3:delimiter")).containsExactly("/");
        assertThat(keys.get("s3:max-keys")).containsExactly("10");
        assertThat(keys.get("aws:Referer")).containsExactly("https://example.com/");
        assertThat(keys.get("s3:VersionId")).isNull();
    }

    @Test
    void theTagsOfAPutAreRequestObjectTags() {
        MockServerHttpRequest http = MockServerHttpRequest.put("/b/k").build();
        S3Request s3 = new S3Request(S3Operation.PUT_OBJECT, "b", "k", Map.of(), false);
        RequestContext keys = ConditionKeys.of(http, s3, Map.of("x-amz-tagging", "project=blue&tier=gold%20plus"));
        assertThat(keys.get("s3:RequestObjectTagKeys")).containsExactlyInAnyOrder("project", "tier");
        assertThat(keys.get("s3:RequestObjectTag/project")).containsExactly("blue");
        assertThat(keys.get("s3:RequestObjectTag/tier")).containsExactly("gold plus");
    }
}
