package dev.coffer.api.routing;

import java.util.Map;

/**
 * A request resolved once: the operation, the bucket and key (decoded), and the decoded query
 * parameters (first value of each). Handlers never parse the URL again.
 *
 * @param bucket null for service-level requests (ListBuckets)
 * @param key null for bucket-level requests; never empty
 * @param virtualHosted true when the bucket came from the Host header
 */
public record S3Request(
        S3Operation operation, String bucket, String key, Map<String, String> query, boolean virtualHosted) {

    public S3Request {
        query = Map.copyOf(query);
    }

    public String param(String name) {
        return query.get(name);
    }

    public boolean has(String name) {
        return query.containsKey(name);
    }

    /** The resource as S3 names it in error documents: "/bucket" or "/bucket/key". */
    public String resource() {
        if (bucket == null) return "/";
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
