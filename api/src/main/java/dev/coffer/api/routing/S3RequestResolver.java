package dev.coffer.api.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns method + Host + raw path + raw query into an {@link S3Request}, once. The only place that
 * reads subresource query keys such as {@code uploads} or {@code versioning}. Path-style
 * ({@code /bucket/key}) and virtual-hosted-style ({@code bucket.<domain>/key}) both resolve.
 */
public final class S3RequestResolver {

    /**
     * Subresources S3 has and Coffer does not serve yet: they answer NotImplemented, never fall
     * through. Every query key of the S3 API model that is not served below must be listed, or
     * e.g. {@code DELETE /b?metadataTable} would delete the bucket and {@code PUT /b/k?annotation}
     * would overwrite the object.
     */
    private static final Set<String> UNSUPPORTED_SUBRESOURCES = Set.of(
            "abac", "accelerate", "analytics", "annotation",
            "intelligent-tiering", "inventory", "logging",
            "metadataAnnotationTable", "metadataConfiguration", "metadataInventoryTable",
            "metadataJournalTable", "metadataTable", "metrics",
            "replication",
            "requestPayment", "restore", "select", "torrent", "website", "session",
            "renameObject");

    /** Bucket subresources Coffer serves on a bucket only; on an object they are unsupported. */
    private static final Set<String> BUCKET_ONLY_SUBRESOURCES = Set.of("policy", "policyStatus", "publicAccessBlock");

    private final String domain;

    /** @param domain the base domain for virtual-hosted-style requests, or null/blank to disable them */
    public S3RequestResolver(String domain) {
        this.domain = domain == null || domain.isBlank() ? null : domain.toLowerCase(Locale.ROOT);
    }

    public S3Request resolve(String method, String host, String rawPath, String rawQuery, Map<String, String> headers) {
        return resolveParsed(method, host, rawPath, QueryString.parse(rawQuery), headers);
    }

    /** The same, for a caller that has already parsed the query ({@link QueryString#parse}). */
    public S3Request resolveParsed(String method, String host, String rawPath, Map<String, String> query,
                                   Map<String, String> headers) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String hostBucket = bucketFromHost(host);
        String bucket;
        String rawKey;
        if (hostBucket != null) {
            bucket = hostBucket;
            rawKey = path.substring(1);
        } else {
            String rest = path.substring(1);
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            rawKey = slash < 0 ? "" : rest.substring(slash + 1);
            bucket = bucket.isEmpty() ? null : QueryString.decode(bucket, false);
        }
        String key = rawKey.isEmpty() ? null : QueryString.decode(rawKey, false);
        S3Operation op = operation(method.toUpperCase(Locale.ROOT), bucket, key, query, headers);
        return new S3Request(op, bucket, key, query, hostBucket != null);
    }

    private String bucketFromHost(String host) {
        if (domain == null || host == null) return null;
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) h = h.substring(0, colon);
        if (!h.endsWith("." + domain)) return null;
        String bucket = h.substring(0, h.length() - domain.length() - 1);
        return bucket.isEmpty() ? null : bucket;
    }

    private static S3Operation operation(
            String method, String bucket, String key, Map<String, String> q, Map<String, String> headers) {
        // A preflight names the path of the request it asks about, query and all; it is never that request.
        if (method.equals("OPTIONS")) return S3Operation.OPTIONS_OBJECT;
        if (bucket == null) {
            return method.equals("GET") ? S3Operation.LIST_BUCKETS : S3Operation.METHOD_NOT_ALLOWED;
        }
        if (hasAny(q, UNSUPPORTED_SUBRESOURCES)) return S3Operation.UNSUPPORTED;
        // ?encryption exists on buckets only: on an object it must not fall through to GetObject.
        if (q.containsKey("encryption")) return key == null ? encryptionOperation(method) : S3Operation.UNSUPPORTED;
        if (q.containsKey("cors")) return key == null ? corsOperation(method) : S3Operation.UNSUPPORTED;
        if (q.containsKey("ownershipControls")) return key == null ? ownershipOperation(method) : S3Operation.UNSUPPORTED;
        if (q.containsKey("acl")) return aclOperation(method, key != null);
        if (q.containsKey("notification")) return key == null ? notificationOperation(method) : S3Operation.UNSUPPORTED;
        if (q.containsKey("lifecycle")) return key == null ? lifecycleOperation(method) : S3Operation.UNSUPPORTED;
        return key == null ? bucketOperation(method, q, headers) : objectOperation(method, q, headers);
    }

    private static S3Operation bucketOperation(String method, Map<String, String> q, Map<String, String> headers) {
        switch (method) {
            case "GET":
                if (q.containsKey("location")) return S3Operation.GET_BUCKET_LOCATION;
                if (q.containsKey("versioning")) return S3Operation.GET_BUCKET_VERSIONING;
                if (q.containsKey("tagging")) return S3Operation.GET_BUCKET_TAGGING;
                if (q.containsKey("policy")) return S3Operation.GET_BUCKET_POLICY;
                if (q.containsKey("policyStatus")) return S3Operation.GET_BUCKET_POLICY_STATUS;
                if (q.containsKey("publicAccessBlock")) return S3Operation.GET_PUBLIC_ACCESS_BLOCK;
                if (q.containsKey("object-lock")) return S3Operation.GET_OBJECT_LOCK_CONFIGURATION;
                if (q.containsKey("versions")) return S3Operation.LIST_OBJECT_VERSIONS;
                if (q.containsKey("uploads")) return S3Operation.LIST_MULTIPART_UPLOADS;
                if ("2".equals(q.get("list-type"))) return S3Operation.LIST_OBJECTS_V2;
                return S3Operation.LIST_OBJECTS;
            case "PUT":
                if (q.containsKey("versioning")) return S3Operation.PUT_BUCKET_VERSIONING;
                if (q.containsKey("tagging")) return S3Operation.PUT_BUCKET_TAGGING;
                if (q.containsKey("policy")) return S3Operation.PUT_BUCKET_POLICY;
                if (q.containsKey("publicAccessBlock")) return S3Operation.PUT_PUBLIC_ACCESS_BLOCK;
                if (q.containsKey("object-lock")) return S3Operation.PUT_OBJECT_LOCK_CONFIGURATION;
                return S3Operation.CREATE_BUCKET;
            case "HEAD":
                return S3Operation.HEAD_BUCKET;
            case "DELETE":
                if (q.containsKey("tagging")) return S3Operation.DELETE_BUCKET_TAGGING;
                if (q.containsKey("policy")) return S3Operation.DELETE_BUCKET_POLICY;
                if (q.containsKey("publicAccessBlock")) return S3Operation.DELETE_PUBLIC_ACCESS_BLOCK;
                return S3Operation.DELETE_BUCKET;
            case "POST":
                if (q.containsKey("delete")) return S3Operation.DELETE_OBJECTS;
                String type = headers.getOrDefault("content-type", "");
                if (type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) return S3Operation.POST_OBJECT;
                return S3Operation.UNSUPPORTED;
            default:
                return S3Operation.METHOD_NOT_ALLOWED;
        }
    }

    private static S3Operation encryptionOperation(String method) {
        return switch (method) {
            case "GET" -> S3Operation.GET_BUCKET_ENCRYPTION;
            case "PUT" -> S3Operation.PUT_BUCKET_ENCRYPTION;
            case "DELETE" -> S3Operation.DELETE_BUCKET_ENCRYPTION;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    private static S3Operation lifecycleOperation(String method) {
        return switch (method) {
            case "GET" -> S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION;
            case "PUT" -> S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION;
            case "DELETE" -> S3Operation.DELETE_BUCKET_LIFECYCLE;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    private static S3Operation ownershipOperation(String method) {
        return switch (method) {
            case "GET" -> S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS;
            case "PUT" -> S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS;
            case "DELETE" -> S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    private static S3Operation aclOperation(String method, boolean object) {
        return switch (method) {
            case "GET" -> object ? S3Operation.GET_OBJECT_ACL : S3Operation.GET_BUCKET_ACL;
            case "PUT" -> object ? S3Operation.PUT_OBJECT_ACL : S3Operation.PUT_BUCKET_ACL;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    private static S3Operation notificationOperation(String method) {
        return switch (method) {
            case "GET" -> S3Operation.GET_BUCKET_NOTIFICATION_CONFIGURATION;
            case "PUT" -> S3Operation.PUT_BUCKET_NOTIFICATION_CONFIGURATION;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    private static S3Operation corsOperation(String method) {
        switch (method) {
            case "GET":
                return S3Operation.GET_BUCKET_CORS;
            case "PUT":
                return S3Operation.PUT_BUCKET_CORS;
            case "DELETE":
                return S3Operation.DELETE_BUCKET_CORS;
            default:
                return S3Operation.METHOD_NOT_ALLOWED;
        }
    }

    /** Whether the query names any of {@code names} (a loop: a stream per request showed in the profile). */
    private static boolean hasAny(Map<String, String> q, Set<String> names) {
        for (String name : q.keySet()) {
            if (names.contains(name)) return true;
        }
        return false;
    }

    private static S3Operation objectOperation(String method, Map<String, String> q, Map<String, String> headers) {
        if (hasAny(q, BUCKET_ONLY_SUBRESOURCES)) return S3Operation.UNSUPPORTED;
        boolean copy = headers.containsKey("x-amz-copy-source");
        switch (method) {
            case "GET":
                if (q.containsKey("uploadId")) return S3Operation.LIST_PARTS;
                if (q.containsKey("attributes")) return S3Operation.GET_OBJECT_ATTRIBUTES;
                if (q.containsKey("tagging")) return S3Operation.GET_OBJECT_TAGGING;
                if (q.containsKey("retention")) return S3Operation.GET_OBJECT_RETENTION;
                if (q.containsKey("legal-hold")) return S3Operation.GET_OBJECT_LEGAL_HOLD;
                return S3Operation.GET_OBJECT;
            case "HEAD":
                return S3Operation.HEAD_OBJECT;
            case "PUT":
                if (q.containsKey("tagging")) return S3Operation.PUT_OBJECT_TAGGING;
                if (q.containsKey("partNumber") && q.containsKey("uploadId")) {
                    return copy ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
                }
                if (q.containsKey("retention")) return S3Operation.PUT_OBJECT_RETENTION;
                if (q.containsKey("legal-hold")) return S3Operation.PUT_OBJECT_LEGAL_HOLD;
                return copy ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
            case "POST":
                if (q.containsKey("uploads")) return S3Operation.CREATE_MULTIPART_UPLOAD;
                if (q.containsKey("uploadId")) return S3Operation.COMPLETE_MULTIPART_UPLOAD;
                return S3Operation.UNSUPPORTED;
            case "DELETE":
                if (q.containsKey("uploadId")) return S3Operation.ABORT_MULTIPART_UPLOAD;
                if (q.containsKey("tagging")) return S3Operation.DELETE_OBJECT_TAGGING;
                return S3Operation.DELETE_OBJECT;
            default:
                return S3Operation.METHOD_NOT_ALLOWED;
        }
    }
}
