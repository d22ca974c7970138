package dev.coffer.api.authz;

import dev.coffer.api.routing.QueryString;
import dev.coffer.api.routing.S3Request;
import dev.coffer.auth.AmzDate;
import dev.coffer.auth.policy.RequestContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
        return of(http, s3, headers, QueryString.parse(http.getURI().getRawQuery()), Instant.now());
    }

    /**
     * @param query the request's decoded query, the presigned URL's auth parameters included
     * @param now when the request is judged, for s3:signatureAge
     */
    public static RequestContext of(ServerHttpRequest http, S3Request s3, Map<String, String> headers,
                                    Map<String, String> query, Instant now) {
        RequestContext.Builder keys = RequestContext.builder();
        signature(keys, headers, query, now);
        global(keys, http, headers);
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
        conditionalRequest(keys, s3, headers);
        return keys.build();
    }

    /**
     * s3:if-match and s3:if-none-match, the headers of a conditional write (PutObject, CopyObject,
     * CompleteMultipartUpload) or delete (DeleteObject), as sent; a DeleteObjects key's ETag is its
     * s3:if-match (its handler adds it). Other operations carry neither, as in S3.
     */
    private static void conditionalRequest(RequestContext.Builder keys, S3Request s3, Map<String, String> headers) {
        switch (s3.operation()) {
            case PUT_OBJECT, COPY_OBJECT, COMPLETE_MULTIPART_UPLOAD -> {
                keys.put("s3:if-match", headers.get("if-match"));
                keys.put("s3:if-none-match", headers.get("if-none-match"));
            }
            case DELETE_OBJECT -> keys.put("s3:if-match", headers.get("if-match"));
            default -> { }
        }
    }

    /**
     * The global keys of a call to another service on this endpoint (the IAM query API):
     * aws:SourceIp, aws:SecureTransport, aws:Referer, aws:UserAgent. The S3 keys do not apply.
     */
    public static RequestContext ofServiceCall(ServerHttpRequest http) {
        Map<String, String> headers = new HashMap<>();
        http.getHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) headers.putIfAbsent(name.toLowerCase(Locale.ROOT), values.get(0));
        });
        RequestContext.Builder keys = RequestContext.builder();
        global(keys, http, headers);
        return keys.build();
    }

    private static void global(RequestContext.Builder keys, ServerHttpRequest http, Map<String, String> headers) {
        InetSocketAddress remote = http.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            keys.put("aws:SourceIp", remote.getAddress().getHostAddress());
        }
        keys.put("aws:SecureTransport", Boolean.toString(http.getSslInfo() != null));
        keys.put("aws:Referer", headers.get("referer"));
        keys.put("aws:UserAgent", headers.get("user-agent"));
    }

    /**
     * s3:authType (REST-HEADER, REST-QUERY-STRING), s3:signatureversion (AWS for SigV2,
     * AWS4-HMAC-SHA256 for SigV4) and, for SigV4, s3:signatureAge: milliseconds since the
     * signature's X-Amz-Date. None for a request without credentials. POST forms get theirs from
     * {@link #postForm}.
     */
    private static void signature(RequestContext.Builder keys, Map<String, String> headers, Map<String, String> query,
                                  Instant now) {
        String authorization = headers.get("authorization");
        String algorithm = param(query, "X-Amz-Algorithm");
        String date;
        if (authorization != null) {
            keys.put("s3:authType", "REST-HEADER");
            boolean v2 = authorization.startsWith("AWS ");
            keys.put("s3:signatureversion", v2 ? "AWS" : "AWS4-HMAC-SHA256");
            date = v2 ? null : headers.get("x-amz-date");
        } else if (algorithm != null) {
            keys.put("s3:authType", "REST-QUERY-STRING");
            keys.put("s3:signatureversion", "AWS4-HMAC-SHA256");
            date = param(query, "X-Amz-Date");
        } else if (param(query, "AWSAccessKeyId") != null) {
            keys.put("s3:authType", "REST-QUERY-STRING");
            keys.put("s3:signatureversion", "AWS");
            date = null;
        } else {
            return;
        }
        signatureAge(keys, date, now);
    }

    /**
     * The keys of a POST form's signature: s3:authType POST, s3:signatureversion, s3:signatureAge,
     * and the tags of its {@code tagging} field as s3:RequestObjectTag/… (the request's own
     * headers carry none of these).
     *
     * @param fields the form's fields by lower-case name
     * @param tags the tags the form sets (empty when none)
     */
    public static Map<String, List<String>> postForm(Map<String, String> fields, Map<String, String> tags, Instant now) {
        RequestContext.Builder keys = RequestContext.builder();
        keys.put("s3:authType", "POST");
        boolean v4 = fields.containsKey("x-amz-algorithm");
        // An anonymous form (no policy) has no signature to name.
        if (v4 || fields.containsKey("awsaccesskeyid")) keys.put("s3:signatureversion", v4 ? "AWS4-HMAC-SHA256" : "AWS");
        if (v4) signatureAge(keys, fields.get("x-amz-date"), now);
        keys.put("s3:x-amz-acl", fields.get("acl"));
        keys.put("s3:x-amz-server-side-encryption", fields.get("x-amz-server-side-encryption"));
        putTags(keys, tags);
        return keys.build().asMap();
    }

    /** s3:RequestObjectTagKeys and s3:RequestObjectTag/KEY of the tags a request sets (a Tagging document's). */
    public static Map<String, List<String>> requestTags(Map<String, String> tags) {
        RequestContext.Builder keys = RequestContext.builder();
        putTags(keys, tags);
        return keys.build().asMap();
    }

    private static void putTags(RequestContext.Builder keys, Map<String, String> tags) {
        if (tags.isEmpty()) return;
        keys.put("s3:RequestObjectTagKeys", List.copyOf(tags.keySet()));
        tags.forEach((k, v) -> keys.put("s3:RequestObjectTag/" + k, v));
    }

    private static void signatureAge(RequestContext.Builder keys, String amzDate, Instant now) {
        if (amzDate == null) return;
        Instant signed = AmzDate.parseBasic(amzDate);
        // null: the signature check refuses it with S3's own error
        if (signed != null) {
            keys.put("s3:signatureAge", Long.toString(Math.max(0, Duration.between(signed, now).toMillis())));
        }
    }

    private static String param(Map<String, String> query, String name) {
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
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
