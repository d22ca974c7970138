package dev.coffer.api.authz;

import dev.coffer.api.routing.QueryString;
import dev.coffer.api.routing.S3Request;
import dev.coffer.auth.policy.RequestContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The condition keys a request carries, as S3 documents them for policies ("Actions, resources,
 * and condition keys for Amazon S3"), read once from the resolved request and its headers.
 * The keys of the principal and the clock are the Authorizer's.
 */
public final class ConditionKeys {
    private ConditionKeys() {}

    /** @param headers the request's headers by lower-case name (first value), presigned ones included */
    public static RequestContext of(ServerHttpRequest http, S3Request s3, Map<String, String> headers) {
        RequestContext.Builder keys = RequestContext.builder();
        InetSocketAddress remote = http.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            keys.put("aws:SourceIp", remote.getAddress().getHostAddress());
        }
        keys.put("aws:SecureTransport", Boolean.toString(http.getSslInfo() != null));
        keys.put("aws:Referer", headers.get("referer"));
        keys.put("aws:UserAgent", headers.get("user-agent"));
        keys.put("s3:prefix", s3.param("prefix"));
        keys.put("s3:delimiter", s3.param("delimiter"));
        keys.put("s3:max-keys", s3.param("max-keys"));
        keys.put("s3:VersionId", s3.param("versionId"));
        keys.put("s3:x-amz-acl", headers.get("x-amz-acl"));
        keys.put("s3:x-amz-server-side-encryption", headers.get("x-amz-server-side-encryption"));
        keys.put("s3:x-amz-content-sha256", headers.get("x-amz-content-sha256"));
        keys.put("s3:x-amz-copy-source", headers.get("x-amz-copy-source"));
        keys.put("s3:x-amz-metadata-directive", headers.get("x-amz-metadata-directive"));
        keys.put("s3:x-amz-storage-class", headers.get("x-amz-storage-class"));
        requestTags(keys, headers.get("x-amz-tagging"));
        return keys.build();
    }

    /** s3:RequestObjectTagKeys and s3:RequestObjectTag/KEY from x-amz-tagging ("k1=v1&k2=v2"); none if it does not parse. */
    private static void requestTags(RequestContext.Builder keys, String tagging) {
        if (tagging == null) return;
        Map<String, String> tags;
        try {
            tags = QueryString.parse(tagging);
        } catch (RuntimeException e) {
            return; // the operation refuses it with S3's own error
        }
        keys.put("s3:RequestObjectTagKeys", List.copyOf(tags.keySet()));
        tags.forEach((k, v) -> keys.put("s3:RequestObjectTag/" + k, v));
    }
}
