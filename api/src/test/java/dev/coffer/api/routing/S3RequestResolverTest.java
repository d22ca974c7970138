package dev.coffer.api.routing;

import static dev.coffer.api.routing.S3Operation.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per request example of the AWS S3 API reference (method, Host, raw path, raw query,
 * selected headers), plus the key-encoding and addressing edge cases S3 documents.
 */
class S3RequestResolverTest {

    private static final String DOMAIN = "s3.local";
    private static final String PATH_HOST = "localhost:9000";
    private final S3RequestResolver resolver = new S3RequestResolver(DOMAIN);

    /** One request and what it must resolve to; {@code headers} is "name:value|name:value" or "". */
    record Row(String name, String method, String host, String path, String query, String headers,
               S3Operation operation, String bucket, String key) {

        Map<String, String> headerMap() {
            Map<String, String> map = new LinkedHashMap<>();
            if (headers.isEmpty()) return map;
            for (String pair : headers.split("\\|")) {
                int colon = pair.indexOf(':');
                map.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
            return map;
        }

        @Override
        public String toString() {
            return name + ": " + method + " " + host + " " + path + (query == null ? "" : "?" + query);
        }
    }

    private static Row path(String name, String method, String path, String query, String headers,
                            S3Operation op, String bucket, String key) {
        return new Row(name, method, PATH_HOST, path, query, headers, op, bucket, key);
    }

    private static Row vhost(String name, String method, String host, String path, String query,
                             S3Operation op, String bucket, String key) {
        return new Row(name, method, host, path, query, "", op, bucket, key);
    }

    static final List<Row> ROWS = List.of(
            // Service and bucket operations, path-style.
            path("ListBuckets", "GET", "/", null, "", LIST_BUCKETS, null, null),
            path("ListBuckets with paging params", "GET", "/", "max-buckets=10&prefix=p", "", LIST_BUCKETS, null, null),
            path("CreateBucket", "PUT", "/b", null, "", CREATE_BUCKET, "b", null),
            path("CreateBucket with trailing slash", "PUT", "/b/", null, "", CREATE_BUCKET, "b", null),
            path("HeadBucket", "HEAD", "/b", null, "", HEAD_BUCKET, "b", null),
            path("DeleteBucket", "DELETE", "/b", null, "", DELETE_BUCKET, "b", null),
            path("GetBucketLocation", "GET", "/b", "location", "", GET_BUCKET_LOCATION, "b", null),
            path("ListObjects", "GET", "/b", "prefix=x&delimiter=/", "", LIST_OBJECTS, "b", null),
            path("ListObjects with marker", "GET", "/b", "marker=m&max-keys=2", "", LIST_OBJECTS, "b", null),
            path("ListObjectsV2", "GET", "/b", "list-type=2", "", LIST_OBJECTS_V2, "b", null),
            path("ListObjectsV2 with continuation", "GET", "/b",
                    "list-type=2&continuation-token=t&start-after=a&fetch-owner=true", "", LIST_OBJECTS_V2, "b", null),
            path("ListObjectVersions", "GET", "/b", "versions", "", LIST_OBJECT_VERSIONS, "b", null),
            path("ListObjectVersions with markers", "GET", "/b", "versions&key-marker=k&version-id-marker=v",
                    "", LIST_OBJECT_VERSIONS, "b", null),
            path("ListMultipartUploads", "GET", "/b", "uploads", "", LIST_MULTIPART_UPLOADS, "b", null),
            path("ListMultipartUploads with markers", "GET", "/b", "uploads&key-marker=k&upload-id-marker=u",
                    "", LIST_MULTIPART_UPLOADS, "b", null),
            path("GetBucketVersioning", "GET", "/b", "versioning", "", GET_BUCKET_VERSIONING, "b", null),
            path("PutBucketVersioning", "PUT", "/b", "versioning", "content-type:application/xml",
                    PUT_BUCKET_VERSIONING, "b", null),
            path("GetBucketTagging", "GET", "/b", "tagging", "", GET_BUCKET_TAGGING, "b", null),
            path("PutBucketTagging", "PUT", "/b", "tagging", "content-md5:x", PUT_BUCKET_TAGGING, "b", null),
            path("DeleteBucketTagging", "DELETE", "/b", "tagging", "", DELETE_BUCKET_TAGGING, "b", null),
            path("GetBucketEncryption", "GET", "/b", "encryption", "", GET_BUCKET_ENCRYPTION, "b", null),
            path("PutBucketEncryption", "PUT", "/b", "encryption", "content-md5:x", PUT_BUCKET_ENCRYPTION, "b", null),
            path("DeleteBucketEncryption", "DELETE", "/b", "encryption", "", DELETE_BUCKET_ENCRYPTION, "b", null),
            path("encryption on an object never falls through to GetObject", "GET", "/b/k", "encryption", "",
                    UNSUPPORTED, "b", "k"),
            path("GetBucketNotificationConfiguration", "GET", "/b", "notification", "",
                    GET_BUCKET_NOTIFICATION_CONFIGURATION, "b", null),
            path("PutBucketNotificationConfiguration", "PUT", "/b", "notification", "",
                    PUT_BUCKET_NOTIFICATION_CONFIGURATION, "b", null),
            path("notification on an object is no bucket operation", "GET", "/b/k", "notification", "",
                    UNSUPPORTED, "b", "k"),
            path("GetBucketCors", "GET", "/b", "cors", "", GET_BUCKET_CORS, "b", null),
            path("PutBucketCors", "PUT", "/b", "cors", "content-md5:x", PUT_BUCKET_CORS, "b", null),
            path("DeleteBucketCors", "DELETE", "/b", "cors", "", DELETE_BUCKET_CORS, "b", null),
            path("POST with cors", "POST", "/b", "cors", "", METHOD_NOT_ALLOWED, "b", null),
            path("OPTIONS object (a CORS preflight)", "OPTIONS", "/b/k", null,
                    "origin:http://a|access-control-request-method:PUT", OPTIONS_OBJECT, "b", "k"),
            path("OPTIONS on a bucket", "OPTIONS", "/b", null, "origin:http://a", OPTIONS_OBJECT, "b", null),
            path("OPTIONS on a presigned URL is a preflight", "OPTIONS", "/b/k",
                    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc&uploadId=u&partNumber=1", "",
                    OPTIONS_OBJECT, "b", "k"),
            path("OPTIONS on the service", "OPTIONS", "/", null, "", OPTIONS_OBJECT, null, null),
            vhost("virtual-hosted OPTIONS", "OPTIONS", "photos.s3.local:9000", "/k", null, OPTIONS_OBJECT, "photos", "k"),
            path("GetObjectLockConfiguration", "GET", "/b", "object-lock", "", GET_OBJECT_LOCK_CONFIGURATION, "b", null),
            path("PutObjectLockConfiguration", "PUT", "/b", "object-lock", "content-md5:x",
                    PUT_OBJECT_LOCK_CONFIGURATION, "b", null),
            path("GetBucketLifecycleConfiguration", "GET", "/b", "lifecycle", "", GET_BUCKET_LIFECYCLE_CONFIGURATION, "b", null),
            path("PutBucketLifecycleConfiguration", "PUT", "/b", "lifecycle", "content-md5:x",
                    PUT_BUCKET_LIFECYCLE_CONFIGURATION, "b", null),
            path("DeleteBucketLifecycle", "DELETE", "/b", "lifecycle", "", DELETE_BUCKET_LIFECYCLE, "b", null),
            path("lifecycle on an object never falls through to GetObject", "GET", "/b/k", "lifecycle", "",
                    UNSUPPORTED, "b", "k"),
            path("POST with lifecycle", "POST", "/b", "lifecycle", "", METHOD_NOT_ALLOWED, "b", null),
            path("DeleteObjects", "POST", "/b", "delete", "content-md5:x", DELETE_OBJECTS, "b", null),
            path("PostObject", "POST", "/b", null, "content-type:multipart/form-data; boundary=9431149156168",
                    POST_OBJECT, "b", null),
            path("PostObject content type in capitals", "POST", "/b", null,
                    "content-type:Multipart/Form-Data; boundary=x", POST_OBJECT, "b", null),
            path("bucket POST that is neither form nor delete", "POST", "/b", null,
                    "content-type:application/json", UNSUPPORTED, "b", null),

            // Object operations, path-style.
            path("GetObjectRetention", "GET", "/b/k", "retention&versionId=v", "", GET_OBJECT_RETENTION, "b", "k"),
            path("PutObjectRetention", "PUT", "/b/k", "retention", "content-md5:x", PUT_OBJECT_RETENTION, "b", "k"),
            path("GetObjectLegalHold", "GET", "/b/k", "legal-hold", "", GET_OBJECT_LEGAL_HOLD, "b", "k"),
            path("PutObjectLegalHold", "PUT", "/b/k", "legal-hold&versionId=v", "content-md5:x",
                    PUT_OBJECT_LEGAL_HOLD, "b", "k"),
            path("PutObject", "PUT", "/b/k", null, "", PUT_OBJECT, "b", "k"),
            path("PutObject as SDK v2 sends it", "PUT", "/b/k", "x-id=PutObject", "", PUT_OBJECT, "b", "k"),
            path("CopyObject", "PUT", "/b/k", null, "x-amz-copy-source:/src/key", COPY_OBJECT, "b", "k"),
            path("CopyObject as SDK v2 sends it", "PUT", "/b/k", "x-id=CopyObject",
                    "x-amz-copy-source:src/key%3FversionId%3D1", COPY_OBJECT, "b", "k"),
            path("UploadPart", "PUT", "/b/k", "partNumber=1&uploadId=u", "", UPLOAD_PART, "b", "k"),
            path("UploadPart params in other order", "PUT", "/b/k", "uploadId=u&partNumber=10000&x-id=UploadPart",
                    "", UPLOAD_PART, "b", "k"),
            path("UploadPartCopy", "PUT", "/b/k", "partNumber=2&uploadId=u",
                    "x-amz-copy-source:/src/key|x-amz-copy-source-range:bytes=0-9", UPLOAD_PART_COPY, "b", "k"),
            path("CreateMultipartUpload", "POST", "/b/k", "uploads", "", CREATE_MULTIPART_UPLOAD, "b", "k"),
            path("CompleteMultipartUpload", "POST", "/b/k", "uploadId=u", "", COMPLETE_MULTIPART_UPLOAD, "b", "k"),
            path("AbortMultipartUpload", "DELETE", "/b/k", "uploadId=u", "", ABORT_MULTIPART_UPLOAD, "b", "k"),
            path("AbortMultipartUpload as SDK v2 sends it", "DELETE", "/b/k", "x-id=AbortMultipartUpload&uploadId=u",
                    "", ABORT_MULTIPART_UPLOAD, "b", "k"),
            path("ListParts", "GET", "/b/k", "uploadId=u", "", LIST_PARTS, "b", "k"),
            path("ListParts with paging", "GET", "/b/k", "uploadId=u&max-parts=2&part-number-marker=1",
                    "", LIST_PARTS, "b", "k"),
            path("GetObjectAttributes", "GET", "/b/k", "attributes",
                    "x-amz-object-attributes:ETag,ObjectSize", GET_OBJECT_ATTRIBUTES, "b", "k"),
            path("GetObjectTagging", "GET", "/b/k", "tagging", "", GET_OBJECT_TAGGING, "b", "k"),
            path("GetObjectTagging of a version", "GET", "/b/k", "tagging&versionId=v1", "", GET_OBJECT_TAGGING, "b", "k"),
            path("PutObjectTagging", "PUT", "/b/k", "tagging", "", PUT_OBJECT_TAGGING, "b", "k"),
            path("PutObjectTagging is no copy", "PUT", "/b/k", "tagging", "x-amz-copy-source:/src/key",
                    PUT_OBJECT_TAGGING, "b", "k"),
            path("DeleteObjectTagging", "DELETE", "/b/k", "tagging&versionId=v1", "", DELETE_OBJECT_TAGGING, "b", "k"),
            path("GetObject", "GET", "/b/k", null, "", GET_OBJECT, "b", "k"),
            path("GetObject x-id is not a subresource", "GET", "/b/k", "x-id=GetObject", "", GET_OBJECT, "b", "k"),
            path("GetObject response-* overrides are not subresources", "GET", "/b/k",
                    "response-content-type=text%2Fplain&response-content-disposition=attachment",
                    "", GET_OBJECT, "b", "k"),
            path("GetObject by version and part", "GET", "/b/k", "versionId=v1&partNumber=1", "", GET_OBJECT, "b", "k"),
            path("GetObject presigned", "GET", "/b/k",
                    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                            + "&X-Amz-Signature=abc", "", GET_OBJECT, "b", "k"),
            path("HeadObject", "HEAD", "/b/k", null, "", HEAD_OBJECT, "b", "k"),
            path("HeadObject of a part", "HEAD", "/b/k", "partNumber=1", "", HEAD_OBJECT, "b", "k"),
            path("DeleteObject", "DELETE", "/b/k", null, "", DELETE_OBJECT, "b", "k"),
            path("DeleteObject of a version", "DELETE", "/b/k", "versionId=v1&x-id=DeleteObject", "",
                    DELETE_OBJECT, "b", "k"),

            // Subresources Coffer does not serve: never fall through to the plain operation.
            path("GetBucketAcl", "GET", "/b", "acl", "", GET_BUCKET_ACL, "b", null),
            path("PutBucketAcl", "PUT", "/b", "acl", "", PUT_BUCKET_ACL, "b", null),
            path("GetObjectAcl", "GET", "/b/k", "acl", "", GET_OBJECT_ACL, "b", "k"),
            path("GetObjectAcl of a version", "GET", "/b/k", "acl&versionId=v1", "", GET_OBJECT_ACL, "b", "k"),
            path("PutObjectAcl", "PUT", "/b/k", "acl", "", PUT_OBJECT_ACL, "b", "k"),
            path("DELETE of an ACL is no operation", "DELETE", "/b/k", "acl", "", METHOD_NOT_ALLOWED, "b", "k"),
            path("GetBucketOwnershipControls", "GET", "/b", "ownershipControls", "", GET_BUCKET_OWNERSHIP_CONTROLS, "b", null),
            path("PutBucketOwnershipControls", "PUT", "/b", "ownershipControls", "", PUT_BUCKET_OWNERSHIP_CONTROLS, "b", null),
            path("DeleteBucketOwnershipControls", "DELETE", "/b", "ownershipControls", "",
                    DELETE_BUCKET_OWNERSHIP_CONTROLS, "b", null),
            path("ownership controls asked of an object", "GET", "/b/k", "ownershipControls", "", UNSUPPORTED, "b", "k"),
            path("GetObjectTorrent", "GET", "/b/k", "torrent", "", UNSUPPORTED, "b", "k"),
            path("GetBucketPolicy", "GET", "/b", "policy", "", GET_BUCKET_POLICY, "b", null),
            path("PutBucketPolicy", "PUT", "/b", "policy", "", PUT_BUCKET_POLICY, "b", null),
            path("DeleteBucketPolicy", "DELETE", "/b", "policy", "", DELETE_BUCKET_POLICY, "b", null),
            path("GetBucketPolicyStatus", "GET", "/b", "policyStatus", "", GET_BUCKET_POLICY_STATUS, "b", null),
            path("GetPublicAccessBlock", "GET", "/b", "publicAccessBlock", "", GET_PUBLIC_ACCESS_BLOCK, "b", null),
            path("PutPublicAccessBlock", "PUT", "/b", "publicAccessBlock", "", PUT_PUBLIC_ACCESS_BLOCK, "b", null),
            path("DeletePublicAccessBlock", "DELETE", "/b", "publicAccessBlock", "", DELETE_PUBLIC_ACCESS_BLOCK, "b",
                    null),
            path("a bucket's policy asked of an object", "GET", "/b/k", "policy", "", UNSUPPORTED, "b", "k"),
            path("GetObject with cors is no bucket CORS operation", "GET", "/b/k", "cors", "", UNSUPPORTED, "b", "k"),
            path("DeleteBucketMetricsConfiguration", "DELETE", "/b", "metrics&id=m", "", UNSUPPORTED, "b", null),
            path("DeleteBucketMetadataTableConfiguration", "DELETE", "/b", "metadataTable", "",
                    UNSUPPORTED, "b", null),
            path("DeleteBucketMetadataConfiguration", "DELETE", "/b", "metadataConfiguration", "",
                    UNSUPPORTED, "b", null),
            path("UpdateBucketMetadataJournalTableConfiguration", "PUT", "/b", "metadataJournalTable", "",
                    UNSUPPORTED, "b", null),
            path("UpdateBucketMetadataInventoryTableConfiguration", "PUT", "/b", "metadataInventoryTable", "",
                    UNSUPPORTED, "b", null),
            path("UpdateBucketMetadataAnnotationTableConfiguration", "PUT", "/b", "metadataAnnotationTable", "",
                    UNSUPPORTED, "b", null),
            path("PutBucketAbac", "PUT", "/b", "abac", "", UNSUPPORTED, "b", null),
            path("PutObjectAnnotation", "PUT", "/b/k", "annotation", "", UNSUPPORTED, "b", "k"),
            path("DeleteObjectAnnotation", "DELETE", "/b/k", "annotation", "", UNSUPPORTED, "b", "k"),
            path("RestoreObject", "POST", "/b/k", "restore", "", UNSUPPORTED, "b", "k"),
            path("SelectObjectContent", "POST", "/b/k", "select&select-type=2", "", UNSUPPORTED, "b", "k"),
            path("CreateSession", "GET", "/b", "session", "", UNSUPPORTED, "b", null),
            path("object POST with no multipart parameter", "POST", "/b/k", null, "", UNSUPPORTED, "b", "k"),

            // Methods S3 does not take.
            path("PATCH on an object", "PATCH", "/b/k", null, "", METHOD_NOT_ALLOWED, "b", "k"),
            path("PATCH on a bucket", "PATCH", "/b", null, "", METHOD_NOT_ALLOWED, "b", null),
            path("PUT on the service", "PUT", "/", null, "", METHOD_NOT_ALLOWED, null, null),

            // Keys are decoded once and otherwise kept exactly: S3 does not normalize them.
            path("percent-encoded space and slash", "GET", "/b/a%20b/c%2Fd", null, "", GET_OBJECT, "b", "a b/c/d"),
            path("plus stays a plus in a path", "PUT", "/b/a+b", null, "", PUT_OBJECT, "b", "a+b"),
            path("encoded plus", "PUT", "/b/a%2Bb", null, "", PUT_OBJECT, "b", "a+b"),
            path("percent-encoded UTF-8", "GET", "/b/%E6%97%A5%E6%9C%AC/%C3%A9t%C3%A9.txt", null, "",
                    GET_OBJECT, "b", "日本/été.txt"),
            path("four-byte UTF-8", "GET", "/b/%F0%9F%98%80", null, "", GET_OBJECT, "b", "\uD83D\uDE00"),
            path("lone percent kept", "PUT", "/b/100%", null, "", PUT_OBJECT, "b", "100%"),
            path("percent before non-hex kept", "PUT", "/b/50%off", null, "", PUT_OBJECT, "b", "50%off"),
            path("percent with one hex digit at end kept", "PUT", "/b/a%2", null, "", PUT_OBJECT, "b", "a%2"),
            path("encoded percent", "PUT", "/b/100%25", null, "", PUT_OBJECT, "b", "100%"),
            path("double slash kept", "PUT", "/b/a//b", null, "", PUT_OBJECT, "b", "a//b"),
            path("key starting with a slash", "GET", "/b//k", null, "", GET_OBJECT, "b", "/k"),
            path("dot-dot kept", "PUT", "/b/../k", null, "", PUT_OBJECT, "b", "../k"),
            path("encoded dot-dot kept", "PUT", "/b/a/%2E%2E/b", null, "", PUT_OBJECT, "b", "a/../b"),
            path("single dot kept", "GET", "/b/a/./b", null, "", GET_OBJECT, "b", "a/./b"),
            path("trailing slash key", "PUT", "/b/dir/", null, "", PUT_OBJECT, "b", "dir/"),
            path("key that is only a slash", "PUT", "/b//", null, "", PUT_OBJECT, "b", "/"),
            path("percent-encoded bucket", "HEAD", "/my%2Dbucket", null, "", HEAD_BUCKET, "my-bucket", null),

            // Virtual-hosted style with domain s3.local.
            vhost("virtual-hosted GetObject", "GET", "photos.s3.local:9000", "/k", null, GET_OBJECT, "photos", "k"),
            vhost("virtual-hosted without port", "PUT", "photos.s3.local", "/a/b.jpg", null,
                    PUT_OBJECT, "photos", "a/b.jpg"),
            vhost("virtual-hosted host in capitals", "GET", "Photos.S3.Local:9000", "/k", null,
                    GET_OBJECT, "photos", "k"),
            vhost("virtual-hosted bucket with dots", "GET", "my.photos.s3.local", "/k", null,
                    GET_OBJECT, "my.photos", "k"),
            vhost("virtual-hosted ListObjectsV2", "GET", "photos.s3.local:9000", "/", "list-type=2",
                    LIST_OBJECTS_V2, "photos", null),
            vhost("virtual-hosted CreateBucket", "PUT", "photos.s3.local:9000", "/", null,
                    CREATE_BUCKET, "photos", null),
            vhost("virtual-hosted key with leading slash", "GET", "photos.s3.local", "//k", null,
                    GET_OBJECT, "photos", "/k"),
            vhost("virtual-hosted first segment is part of the key", "GET", "photos.s3.local", "/other/k", null,
                    GET_OBJECT, "photos", "other/k"),
            vhost("virtual-hosted empty path", "GET", "photos.s3.local", "", null, LIST_OBJECTS, "photos", null),
            vhost("bare domain is path-style", "GET", "s3.local", "/photos/k", null, GET_OBJECT, "photos", "k"),
            vhost("bare domain with port is path-style", "GET", "s3.local:9000", "/", null,
                    LIST_BUCKETS, null, null),
            vhost("IP address is path-style", "GET", "127.0.0.1:9000", "/photos/k", null,
                    GET_OBJECT, "photos", "k"),
            vhost("IPv6 literal is path-style", "GET", "[::1]:9000", "/photos", null, LIST_OBJECTS, "photos", null),
            vhost("other domain is path-style", "GET", "photos.example.com", "/b/k", null, GET_OBJECT, "b", "k"),
            vhost("domain as a suffix of a longer label is path-style", "GET", "photoss3.local", "/b/k", null,
                    GET_OBJECT, "b", "k"));

    static Stream<Arguments> rows() {
        return ROWS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void resolvesTheAwsReferenceExample(Row row) {
        S3Request request = resolver.resolve(row.method(), row.host(), row.path(), row.query(), row.headerMap());

        assertThat(request.operation()).as("operation").isEqualTo(row.operation());
        assertThat(request.bucket()).as("bucket").isEqualTo(row.bucket());
        assertThat(request.key()).as("key").isEqualTo(row.key());
    }

    @Test
    void everyOperationHasARowInTheTable() {
        Set<S3Operation> covered = ROWS.stream().map(Row::operation).collect(Collectors.toSet());
        Set<S3Operation> missing = EnumSet.allOf(S3Operation.class);
        missing.removeAll(covered);
        assertThat(missing).as("operations without a row in the table").isEmpty();
    }

    @Test
    void virtualHostedRequestsAreMarkedAsSuch() {
        assertThat(resolver.resolve("GET", "photos.s3.local:9000", "/k", null, Map.of()).virtualHosted()).isTrue();
        assertThat(resolver.resolve("GET", "s3.local:9000", "/photos/k", null, Map.of()).virtualHosted()).isFalse();
    }

    @Test
    void withoutADomainEveryHostIsPathStyle() {
        S3Request request = new S3RequestResolver(null)
                .resolve("GET", "photos.s3.local:9000", "/b/k", null, Map.of());

        assertThat(request.bucket()).isEqualTo("b");
        assertThat(request.key()).isEqualTo("k");
        assertThat(request.virtualHosted()).isFalse();
    }

    @Test
    void blankDomainDisablesVirtualHosting() {
        S3Request request = new S3RequestResolver("  ").resolve("GET", "photos.s3.local", "/b/k", null, Map.of());

        assertThat(request.bucket()).isEqualTo("b");
    }

    @Test
    void domainIsMatchedCaseInsensitively() {
        S3Request request = new S3RequestResolver("S3.Local").resolve("GET", "photos.s3.local", "/k", null, Map.of());

        assertThat(request.bucket()).isEqualTo("photos");
        assertThat(request.key()).isEqualTo("k");
    }

    @Test
    void missingHostHeaderIsPathStyle() {
        S3Request request = resolver.resolve("GET", null, "/b/k", null, Map.of());

        assertThat(request.bucket()).isEqualTo("b");
        assertThat(request.key()).isEqualTo("k");
    }

    @Test
    void methodIsMatchedInAnyCase() {
        assertThat(resolver.resolve("get", PATH_HOST, "/b/k", null, Map.of()).operation()).isEqualTo(GET_OBJECT);
    }

    @Test
    void queryParametersAreDecodedOnceWithPlusAsSpace() {
        S3Request request = resolver.resolve("GET", PATH_HOST, "/b", "prefix=a+b%2Bc&delimiter=%2F&list-type=2", Map.of());

        assertThat(request.param("prefix")).isEqualTo("a b+c");
        assertThat(request.param("delimiter")).isEqualTo("/");
        assertThat(request.has("list-type")).isTrue();
        assertThat(request.has("marker")).isFalse();
        assertThat(request.param("marker")).isNull();
    }

    @Test
    void subresourceWithoutValueIsPresentWithEmptyValue() {
        S3Request request = resolver.resolve("GET", PATH_HOST, "/b", "versions&prefix=p", Map.of());

        assertThat(request.has("versions")).isTrue();
        assertThat(request.param("versions")).isEmpty();
    }

    @Test
    void listTypeOtherThanTwoIsListObjectsVersionOne() {
        assertThat(resolver.resolve("GET", PATH_HOST, "/b", "list-type=1", Map.of()).operation())
                .isEqualTo(LIST_OBJECTS);
    }

    @Test
    void partNumberWithoutUploadIdIsAPlainPut() {
        assertThat(resolver.resolve("PUT", PATH_HOST, "/b/k", "partNumber=1", Map.of()).operation())
                .isEqualTo(PUT_OBJECT);
    }

    @Test
    void queryOfTheRequestIsImmutable() {
        S3Request request = resolver.resolve("GET", PATH_HOST, "/b/k", "versionId=1", Map.of());

        assertThatThrownBy(() -> request.query().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
