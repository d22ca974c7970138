package dev.coffer.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * SigV2's CanonicalizedResource: "/" + bucket when the bucket came from the Host, then the path
 * exactly as sent (percent escapes and their case untouched), then the sub-resources of the
 * query sorted by name, with their values decoded (as the {@link WireText} of their UTF-8 bytes).
 */
final class CanonicalizedResource {
    /**
     * The query parameters that are signed. AWS's page lists acl, delete, lifecycle, location,
     * logging, notification, partNumber, policy, requestPayment, torrent, uploadId, uploads,
     * versionId, versioning, versions, website and the response-* overrides; botocore (the aws
     * CLI v1), the main SigV2 client left, signs these names too, so we take its wider list.
     */
    static final Set<String> SUB_RESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory",
            "lifecycle", "location", "logging", "metrics", "notification", "object-lock", "partNumber",
            "policy", "replication", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires", "restore", "select", "select-type",
            "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");

    private CanonicalizedResource() {}

    /**
     * The resources a client may have signed; the first is the one S3 and the SDKs use.
     *
     * <p>A path-style request for the bucket itself ({@code GET /photos?uploads}) is signed as
     * "/photos/" by botocore, boto and the AWS SDK for Java v1, whose comments say S3 accepts
     * nothing else; AWS's page, read literally, says "/photos" (the path as sent). We accept both:
     * they name the same resource, so the second lets no other request through.
     *
     * @param virtualHostBucket the bucket named by the Host header, or null for path-style
     */
    static List<String> candidates(String virtualHostBucket, String rawPath, List<QueryParameter> query) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String subResources = subResources(query);
        if (virtualHostBucket != null) return List.of("/" + virtualHostBucket + path + subResources);
        boolean bucketOnly = path.length() > 1 && path.indexOf('/', 1) < 0;
        return bucketOnly
                ? List.of(path + "/" + subResources, path + subResources)
                : List.of(path + subResources);
    }

    /** "?name&name=value…" in name order (stable for repeated names), or "" when there are none. */
    private static String subResources(List<QueryParameter> query) {
        List<QueryParameter> signed = new ArrayList<>();
        for (QueryParameter p : query) {
            if (SUB_RESOURCES.contains(p.name())) signed.add(p);
        }
        if (signed.isEmpty()) return "";
        signed.sort(Comparator.comparing(QueryParameter::name));
        StringBuilder sb = new StringBuilder("?");
        for (int i = 0; i < signed.size(); i++) {
            if (i > 0) sb.append('&');
            QueryParameter p = signed.get(i);
            sb.append(WireText.ofUnicode(p.name()));
            if (!p.value().isEmpty()) sb.append('=').append(WireText.ofUnicode(p.value()));
        }
        return sb.toString();
    }
}
