package dev.coffer.api.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3RequestTest {

    @Test
    void serviceResourceIsSlash() {
        assertThat(new S3Request(S3Operation.LIST_BUCKETS, null, null, Map.of(), false).resource()).isEqualTo("/");
    }

    @Test
    void bucketResourceIsSlashBucket() {
        assertThat(new S3Request(S3Operation.HEAD_BUCKET, "b", null, Map.of(), false).resource()).isEqualTo("/b");
    }

    @Test
    void objectResourceIsSlashBucketSlashKey() {
        assertThat(new S3Request(S3Operation.GET_OBJECT, "b", "dir/k", Map.of(), true).resource())
                .isEqualTo("/b/dir/k");
    }

    @Test
    void queryIsCopiedSoLaterChangesDoNotLeakIn() {
        Map<String, String> query = new HashMap<>(Map.of("uploads", ""));
        S3Request request = new S3Request(S3Operation.LIST_MULTIPART_UPLOADS, "b", null, query, false);

        query.put("versions", "");

        assertThat(request.has("uploads")).isTrue();
        assertThat(request.has("versions")).isFalse();
    }
}
