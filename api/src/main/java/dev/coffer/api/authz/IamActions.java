package dev.coffer.api.authz;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one table from an S3 operation to the IAM actions it needs and the resource they apply to,
 * as the S3 User Guide's "Required permissions for Amazon S3 API operations" gives them. Checked
 * once per request before the handler; what a request names beyond its own bucket and key is
 * checked by its handler through the request's {@link RequestAccess}: each key of DeleteObjects
 * ({@link #deleteKey}), the source of CopyObject and UploadPartCopy ({@link #copySource}), the key
 * a POST form names ({@link #postObject}).
 */
public final class IamActions {
    private static final Map<S3Operation, Function<S3Request, List<ActionCheck>>> TABLE = new EnumMap<>(S3Operation.class);

    static {
        TABLE.put(S3Operation.LIST_BUCKETS, s3 -> List.of(new ActionCheck("s3:ListAllMyBuckets", null, null)));
        bucket(S3Operation.CREATE_BUCKET, "s3:CreateBucket");
        bucket(S3Operation.HEAD_BUCKET, "s3:ListBucket");
        bucket(S3Operation.DELETE_BUCKET, "s3:DeleteBucket");
        bucket(S3Operation.GET_BUCKET_LOCATION, "s3:GetBucketLocation");
        bucket(S3Operation.GET_BUCKET_VERSIONING, "s3:GetBucketVersioning");
        bucket(S3Operation.PUT_BUCKET_VERSIONING, "s3:PutBucketVersioning");
        bucket(S3Operation.GET_BUCKET_TAGGING, "s3:GetBucketTagging");
        bucket(S3Operation.PUT_BUCKET_TAGGING, "s3:PutBucketTagging");
        bucket(S3Operation.DELETE_BUCKET_TAGGING, "s3:PutBucketTagging"); // S3 has no s3:DeleteBucketTagging
        bucket(S3Operation.GET_BUCKET_POLICY, "s3:GetBucketPolicy");
        bucket(S3Operation.PUT_BUCKET_POLICY, "s3:PutBucketPolicy");
        bucket(S3Operation.DELETE_BUCKET_POLICY, "s3:DeleteBucketPolicy");
        bucket(S3Operation.GET_BUCKET_POLICY_STATUS, "s3:GetBucketPolicyStatus");
        bucket(S3Operation.GET_PUBLIC_ACCESS_BLOCK, "s3:GetBucketPublicAccessBlock");
        bucket(S3Operation.PUT_PUBLIC_ACCESS_BLOCK, "s3:PutBucketPublicAccessBlock");
        bucket(S3Operation.DELETE_PUBLIC_ACCESS_BLOCK, "s3:PutBucketPublicAccessBlock"); // no delete action in S3
        // S3's actions for bucket default encryption: s3:GetEncryptionConfiguration / s3:PutEncryptionConfiguration
        // (DeleteBucketEncryption is authorized by the latter, as AWS documents).
        bucket(S3Operation.GET_BUCKET_ENCRYPTION, "s3:GetEncryptionConfiguration");
        bucket(S3Operation.PUT_BUCKET_ENCRYPTION, "s3:PutEncryptionConfiguration");
        bucket(S3Operation.DELETE_BUCKET_ENCRYPTION, "s3:PutEncryptionConfiguration");
        bucket(S3Operation.GET_BUCKET_NOTIFICATION_CONFIGURATION, "s3:GetBucketNotification");
        bucket(S3Operation.PUT_BUCKET_NOTIFICATION_CONFIGURATION, "s3:PutBucketNotification");
        bucket(S3Operation.GET_OBJECT_LOCK_CONFIGURATION, "s3:GetBucketObjectLockConfiguration");
        bucket(S3Operation.PUT_OBJECT_LOCK_CONFIGURATION, "s3:PutBucketObjectLockConfiguration");
        bucket(S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION, "s3:GetLifecycleConfiguration");
        bucket(S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION, "s3:PutLifecycleConfiguration");
        bucket(S3Operation.DELETE_BUCKET_LIFECYCLE, "s3:PutLifecycleConfiguration"); // as AWS documents: no action of its own
        bucket(S3Operation.LIST_OBJECTS, "s3:ListBucket");
        bucket(S3Operation.LIST_OBJECTS_V2, "s3:ListBucket");
        bucket(S3Operation.LIST_OBJECT_VERSIONS, "s3:ListBucketVersions");
        bucket(S3Operation.LIST_MULTIPART_UPLOADS, "s3:ListBucketMultipartUploads");
        // Nothing up front: each key is checked by the handler (s3:DeleteObject / s3:DeleteObjectVersion).
        TABLE.put(S3Operation.DELETE_OBJECTS, s3 -> List.of());
        // Nothing up front: the form names the key and its signer; the handler checks s3:PutObject.
        TABLE.put(S3Operation.POST_OBJECT, s3 -> List.of());
        bucket(S3Operation.GET_BUCKET_CORS, "s3:GetBucketCORS");
        bucket(S3Operation.PUT_BUCKET_CORS, "s3:PutBucketCORS");
        bucket(S3Operation.DELETE_BUCKET_CORS, "s3:PutBucketCORS"); // S3 has no delete action for it
        // Nothing: a preflight is answered to anyone, unauthenticated, from the bucket's CORS rules.
        TABLE.put(S3Operation.OPTIONS_OBJECT, s3 -> List.of());
        bucket(S3Operation.GET_BUCKET_ACL, "s3:GetBucketAcl");
        bucket(S3Operation.PUT_BUCKET_ACL, "s3:PutBucketAcl");
        versioned(S3Operation.GET_OBJECT_ACL, "s3:GetObjectAcl", "s3:GetObjectVersionAcl");
        versioned(S3Operation.PUT_OBJECT_ACL, "s3:PutObjectAcl", "s3:PutObjectVersionAcl");
        bucket(S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS, "s3:GetBucketOwnershipControls");
        bucket(S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS, "s3:PutBucketOwnershipControls");
        bucket(S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS, "s3:PutBucketOwnershipControls"); // no delete action in S3
        object(S3Operation.PUT_OBJECT, "s3:PutObject");
        object(S3Operation.COPY_OBJECT, "s3:PutObject"); // + s3:GetObject on the source, by the handler
        versioned(S3Operation.GET_OBJECT, "s3:GetObject", "s3:GetObjectVersion");
        versioned(S3Operation.HEAD_OBJECT, "s3:GetObject", "s3:GetObjectVersion");
        versioned(S3Operation.DELETE_OBJECT, "s3:DeleteObject", "s3:DeleteObjectVersion");
        TABLE.put(S3Operation.GET_OBJECT_ATTRIBUTES, s3 -> s3.param("versionId") == null
                ? List.of(objectCheck("s3:GetObject", s3), objectCheck("s3:GetObjectAttributes", s3))
                : List.of(objectCheck("s3:GetObjectVersion", s3), objectCheck("s3:GetObjectVersionAttributes", s3)));
        versioned(S3Operation.GET_OBJECT_TAGGING, "s3:GetObjectTagging", "s3:GetObjectVersionTagging");
        // Nothing up front: the handler checks s3:PutObjectTagging once its Tagging document is read,
        // so that s3:RequestObjectTag/… and s3:RequestObjectTagKeys hold the tags it sets.
        TABLE.put(S3Operation.PUT_OBJECT_TAGGING, s3 -> List.of());
        versioned(S3Operation.DELETE_OBJECT_TAGGING, "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");
        // One action for the object and its versions; a governance bypass asks s3:BypassGovernanceRetention too (GovernanceBypass).
        object(S3Operation.GET_OBJECT_RETENTION, "s3:GetObjectRetention");
        object(S3Operation.PUT_OBJECT_RETENTION, "s3:PutObjectRetention");
        object(S3Operation.GET_OBJECT_LEGAL_HOLD, "s3:GetObjectLegalHold");
        object(S3Operation.PUT_OBJECT_LEGAL_HOLD, "s3:PutObjectLegalHold");
        object(S3Operation.CREATE_MULTIPART_UPLOAD, "s3:PutObject");
        object(S3Operation.UPLOAD_PART, "s3:PutObject");
        object(S3Operation.UPLOAD_PART_COPY, "s3:PutObject"); // + s3:GetObject on the source, by the handler
        object(S3Operation.COMPLETE_MULTIPART_UPLOAD, "s3:PutObject");
        object(S3Operation.ABORT_MULTIPART_UPLOAD, "s3:AbortMultipartUpload");
        object(S3Operation.LIST_PARTS, "s3:ListMultipartUploadParts");
    }

    private IamActions() {}

    /**
     * The checks a request needs before its handler runs; empty (no row) for an operation the
     * table does not know, which only the server's root may then perform.
     */
    public static Optional<List<ActionCheck>> of(S3Request s3) {
        return of(s3, Map.of());
    }

    /**
     * As {@link #of(S3Request)}, with what the request's headers add: a write that sets tags
     * ({@code x-amz-tagging} on PutObject and CreateMultipartUpload, or on CopyObject with
     * {@code x-amz-tagging-directive: REPLACE}) needs s3:PutObjectTagging as well, as the S3 API
     * Reference's PutObject permissions say; a DeleteObject with {@code If-Match} naming an ETag
     * needs s3:GetObject ({@link #conditionalDeleteRead}).
     *
     * @param headers the request's headers by lower-case name, presigned ones included
     */
    public static Optional<List<ActionCheck>> of(S3Request s3, Map<String, String> headers) {
        Function<S3Request, List<ActionCheck>> row = TABLE.get(s3.operation());
        if (row == null) return Optional.empty();
        List<ActionCheck> checks = row.apply(s3);
        if (setsTags(s3.operation(), headers)) {
            checks = new ArrayList<>(checks);
            checks.add(objectCheck("s3:PutObjectTagging", s3));
        }
        if (s3.operation() == S3Operation.DELETE_OBJECT && namesEtag(headers.get("if-match"))) {
            checks = new ArrayList<>(checks);
            checks.add(conditionalDeleteRead(s3.bucket(), s3.key()));
        }
        if (createsVersion(s3.operation())) {
            checks = new ArrayList<>(checks);
            checks.addAll(lockChecks(s3.bucket(), s3.key(), headers::containsKey));
        }
        return Optional.of(List.copyOf(checks));
    }

    /**
     * What Object Lock headers (or a POST form's lock fields) on a write need beyond the write
     * itself: the permissions of setting them afterwards (S3 User Guide, "Object Lock
     * considerations"): s3:PutObjectRetention for a mode or retain-until date,
     * s3:PutObjectLegalHold for a legal hold.
     *
     * @param present whether the write carries the header (or field) of that lower-case name
     */
    public static List<ActionCheck> lockChecks(String bucket, String key, Predicate<String> present) {
        List<ActionCheck> checks = new ArrayList<>(2);
        if (present.test("x-amz-object-lock-mode") || present.test("x-amz-object-lock-retain-until-date")) {
            checks.add(new ActionCheck("s3:PutObjectRetention", bucket, key));
        }
        if (present.test("x-amz-object-lock-legal-hold")) checks.add(new ActionCheck("s3:PutObjectLegalHold", bucket, key));
        return checks;
    }

    private static boolean createsVersion(S3Operation operation) {
        return operation == S3Operation.PUT_OBJECT || operation == S3Operation.CREATE_MULTIPART_UPLOAD
                || operation == S3Operation.COPY_OBJECT;
    }

    private static boolean setsTags(S3Operation operation, Map<String, String> headers) {
        if (!headers.containsKey("x-amz-tagging")) return false;
        return switch (operation) {
            case PUT_OBJECT, CREATE_MULTIPART_UPLOAD -> true;
            case COPY_OBJECT -> "REPLACE".equals(headers.get("x-amz-tagging-directive"));
            default -> false;
        };
    }

    /** PutObjectTagging, once its tags are known (a named version needs s3:PutObjectVersionTagging). */
    public static ActionCheck putObjectTagging(String bucket, String key, String versionId) {
        return new ActionCheck(versionId == null ? "s3:PutObjectTagging" : "s3:PutObjectVersionTagging", bucket, key);
    }

    /** The tags a POST form sets on its object (its {@code tagging} field). */
    public static ActionCheck postObjectTags(String bucket, String key) {
        return new ActionCheck("s3:PutObjectTagging", bucket, key);
    }

    /** Whether the table has a row for the operation. */
    public static boolean knows(S3Operation operation) {
        return TABLE.containsKey(operation);
    }

    /** The read of a CopyObject or UploadPartCopy source (a named version needs s3:GetObjectVersion). */
    public static ActionCheck copySource(String bucket, String key, String versionId) {
        return new ActionCheck(versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", bucket, key);
    }

    /**
     * What a delete conditional on an ETag needs beyond s3:DeleteObject: s3:GetObject on the key,
     * as the S3 User Guide's "How to perform conditional deletes" says (If-Match: * does not).
     */
    public static ActionCheck conditionalDeleteRead(String bucket, String key) {
        return new ActionCheck("s3:GetObject", bucket, key);
    }

    /** Whether an If-Match value (or a DeleteObjects ETag) names an ETag rather than {@code *}. */
    public static boolean namesEtag(String ifMatch) {
        return ifMatch != null && !ifMatch.trim().equals("*");
    }

    /** One key of DeleteObjects. */
    public static ActionCheck deleteKey(String bucket, String key, String versionId) {
        return new ActionCheck(versionId == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", bucket, key);
    }

    /** The object a POST form uploads. */
    public static ActionCheck postObject(String bucket, String key) {
        return new ActionCheck("s3:PutObject", bucket, key);
    }

    private static void bucket(S3Operation operation, String action) {
        TABLE.put(operation, s3 -> List.of(new ActionCheck(action, s3.bucket(), null)));
    }

    private static void object(S3Operation operation, String action) {
        TABLE.put(operation, s3 -> List.of(objectCheck(action, s3)));
    }

    private static void versioned(S3Operation operation, String action, String versionAction) {
        TABLE.put(operation, s3 -> List.of(objectCheck(s3.param("versionId") == null ? action : versionAction, s3)));
    }

    private static ActionCheck objectCheck(String action, S3Request s3) {
        return new ActionCheck(action, s3.bucket(), s3.key());
    }
}
