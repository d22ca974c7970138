package dev.coffer.auth.policy;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The S3 actions a bucket policy may name ("Actions, resources, and condition keys for Amazon
 * S3", general purpose buckets) and the resource type each applies to, so that a bucket policy
 * naming an action S3 does not have, or an action with no resource of its type in the statement,
 * is refused as S3 refuses it.
 */
final class S3Actions {
    enum Type { OBJECT, BUCKET, NONE }

    private static final Map<String, Type> ACTIONS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String a : ("AbortMultipartUpload BypassGovernanceRetention DeleteObject DeleteObjectTagging "
                + "DeleteObjectVersion DeleteObjectVersionTagging GetObject GetObjectAcl GetObjectAttributes "
                + "GetObjectLegalHold GetObjectRetention GetObjectTagging GetObjectTorrent GetObjectVersion "
                + "GetObjectVersionAcl GetObjectVersionAttributes GetObjectVersionForReplication "
                + "GetObjectVersionTagging GetObjectVersionTorrent ListMultipartUploadParts PutObject PutObjectAcl "
                + "PutObjectLegalHold PutObjectRetention PutObjectTagging PutObjectVersionAcl "
                + "PutObjectVersionTagging ReplicateDelete ReplicateObject ReplicateTags RestoreObject").split(" ")) {
            ACTIONS.put(a, Type.OBJECT);
        }
        for (String a : ("CreateBucket DeleteBucket DeleteBucketOwnershipControls DeleteBucketPolicy "
                + "DeleteBucketWebsite GetAccelerateConfiguration GetAnalyticsConfiguration GetBucketAcl "
                + "GetBucketCORS GetBucketLocation GetBucketLogging GetBucketNotification GetBucketObjectLockConfiguration "
                + "GetBucketOwnershipControls GetBucketPolicy GetBucketPolicyStatus GetBucketPublicAccessBlock "
                + "GetBucketRequestPayment GetBucketTagging GetBucketVersioning GetBucketWebsite "
                + "GetEncryptionConfiguration GetIntelligentTieringConfiguration GetInventoryConfiguration "
                + "GetLifecycleConfiguration GetMetricsConfiguration GetReplicationConfiguration ListBucket "
                + "ListBucketMultipartUploads ListBucketVersions PutAccelerateConfiguration PutAnalyticsConfiguration "
                + "PutBucketAcl PutBucketCORS PutBucketLogging PutBucketNotification PutBucketObjectLockConfiguration "
                + "PutBucketOwnershipControls PutBucketPolicy PutBucketPublicAccessBlock PutBucketRequestPayment "
                + "PutBucketTagging PutBucketVersioning PutBucketWebsite PutEncryptionConfiguration "
                + "PutIntelligentTieringConfiguration PutInventoryConfiguration PutLifecycleConfiguration "
                + "PutMetricsConfiguration PutReplicationConfiguration").split(" ")) {
            ACTIONS.put(a, Type.BUCKET);
        }
        for (String a : "ListAllMyBuckets GetAccountPublicAccessBlock PutAccountPublicAccessBlock".split(" ")) {
            ACTIONS.put(a, Type.NONE);
        }
    }

    private S3Actions() {}

    /** The type of an action named without wildcard ({@code s3:GetObject}), or null when S3 has none such. */
    static Type typeOf(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("s3:")) return null;
        return ACTIONS.get(action.substring(3));
    }

    /** Whether an S3 action pattern ({@code s3:Get*}) names at least one action S3 has. */
    static boolean anyMatches(String pattern) {
        if (!pattern.toLowerCase(Locale.ROOT).startsWith("s3:")) return false;
        Glob glob = Glob.of(pattern.substring(3));
        for (String a : ACTIONS.keySet()) {
            if (glob.matches(a, true)) return true;
        }
        return false;
    }
}
