package dev.coffer.api.authz;

import static dev.coffer.api.routing.S3Operation.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per operation as the S3 User Guide's "Required permissions for Amazon S3 API
 * operations" lists it: the actions it needs and the resource they apply to.
 */
class IamActionsTest {

    record Row(S3Operation operation, String key, Map<String, String> query, List<String> actions, String resource) {
        @Override
        public String toString() {
            return operation + (query.isEmpty() ? "" : " " + query) + " -> " + actions;
        }
    }

    private static Row bucket(S3Operation op, String action) {
        return new Row(op, null, Map.of(), List.of(action), "arn:aws:s3:::photos");
    }

    private static Row object(S3Operation op, Map<String, String> query, String... actions) {
        return new Row(op, "2024/cat.jpg", query, List.of(actions), "arn:aws:s3:::photos/2024/cat.jpg");
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row(LIST_BUCKETS, null, Map.of(), List.of("s3:ListAllMyBuckets"), "arn:aws:s3:::*"),
                bucket(CREATE_BUCKET, "s3:CreateBucket"),
                bucket(HEAD_BUCKET, "s3:ListBucket"),
                bucket(DELETE_BUCKET, "s3:DeleteBucket"),
                bucket(GET_BUCKET_LOCATION, "s3:GetBucketLocation"),
                bucket(GET_BUCKET_VERSIONING, "s3:GetBucketVersioning"),
                bucket(PUT_BUCKET_VERSIONING, "s3:PutBucketVersioning"),
                bucket(GET_BUCKET_TAGGING, "s3:GetBucketTagging"),
                bucket(PUT_BUCKET_TAGGING, "s3:PutBucketTagging"),
                bucket(DELETE_BUCKET_TAGGING, "s3:PutBucketTagging"),
                bucket(GET_BUCKET_POLICY, "s3:GetBucketPolicy"),
                bucket(PUT_BUCKET_POLICY, "s3:PutBucketPolicy"),
                bucket(DELETE_BUCKET_POLICY, "s3:DeleteBucketPolicy"),
                bucket(GET_BUCKET_POLICY_STATUS, "s3:GetBucketPolicyStatus"),
                bucket(GET_PUBLIC_ACCESS_BLOCK, "s3:GetBucketPublicAccessBlock"),
                bucket(PUT_PUBLIC_ACCESS_BLOCK, "s3:PutBucketPublicAccessBlock"),
                bucket(DELETE_PUBLIC_ACCESS_BLOCK, "s3:PutBucketPublicAccessBlock"),
                bucket(GET_BUCKET_ENCRYPTION, "s3:GetEncryptionConfiguration"),
                bucket(PUT_BUCKET_ENCRYPTION, "s3:PutEncryptionConfiguration"),
                bucket(DELETE_BUCKET_ENCRYPTION, "s3:PutEncryptionConfiguration"),
                bucket(GET_OBJECT_LOCK_CONFIGURATION, "s3:GetBucketObjectLockConfiguration"),
                bucket(PUT_OBJECT_LOCK_CONFIGURATION, "s3:PutBucketObjectLockConfiguration"),
                bucket(GET_BUCKET_LIFECYCLE_CONFIGURATION, "s3:GetLifecycleConfiguration"),
                bucket(PUT_BUCKET_LIFECYCLE_CONFIGURATION, "s3:PutLifecycleConfiguration"),
                bucket(DELETE_BUCKET_LIFECYCLE, "s3:PutLifecycleConfiguration"),
                bucket(LIST_OBJECTS, "s3:ListBucket"),
                bucket(LIST_OBJECTS_V2, "s3:ListBucket"),
                bucket(LIST_OBJECT_VERSIONS, "s3:ListBucketVersions"),
                bucket(LIST_MULTIPART_UPLOADS, "s3:ListBucketMultipartUploads"),
                bucket(GET_BUCKET_NOTIFICATION_CONFIGURATION, "s3:GetBucketNotification"),
                bucket(PUT_BUCKET_NOTIFICATION_CONFIGURATION, "s3:PutBucketNotification"),
                bucket(GET_BUCKET_CORS, "s3:GetBucketCORS"),
                bucket(PUT_BUCKET_CORS, "s3:PutBucketCORS"),
                bucket(DELETE_BUCKET_CORS, "s3:PutBucketCORS"),
                bucket(GET_BUCKET_ACL, "s3:GetBucketAcl"),
                bucket(PUT_BUCKET_ACL, "s3:PutBucketAcl"),
                object(GET_OBJECT_ACL, Map.of("acl", ""), "s3:GetObjectAcl"),
                object(GET_OBJECT_ACL, Map.of("acl", "", "versionId", "v1"), "s3:GetObjectVersionAcl"),
                object(PUT_OBJECT_ACL, Map.of("acl", ""), "s3:PutObjectAcl"),
                object(PUT_OBJECT_ACL, Map.of("acl", "", "versionId", "v1"), "s3:PutObjectVersionAcl"),
                bucket(GET_BUCKET_OWNERSHIP_CONTROLS, "s3:GetBucketOwnershipControls"),
                bucket(PUT_BUCKET_OWNERSHIP_CONTROLS, "s3:PutBucketOwnershipControls"),
                bucket(DELETE_BUCKET_OWNERSHIP_CONTROLS, "s3:PutBucketOwnershipControls"),
                object(PUT_OBJECT, Map.of(), "s3:PutObject"),
                object(COPY_OBJECT, Map.of(), "s3:PutObject"),
                object(GET_OBJECT, Map.of(), "s3:GetObject"),
                object(GET_OBJECT, Map.of("versionId", "v1"), "s3:GetObjectVersion"),
                object(HEAD_OBJECT, Map.of(), "s3:GetObject"),
                object(HEAD_OBJECT, Map.of("versionId", "v1"), "s3:GetObjectVersion"),
                object(DELETE_OBJECT, Map.of(), "s3:DeleteObject"),
                object(DELETE_OBJECT, Map.of("versionId", "v1"), "s3:DeleteObjectVersion"),
                object(GET_OBJECT_ATTRIBUTES, Map.of("attributes", ""), "s3:GetObject", "s3:GetObjectAttributes"),
                object(GET_OBJECT_ATTRIBUTES, Map.of("attributes", "", "versionId", "v1"),
                        "s3:GetObjectVersion", "s3:GetObjectVersionAttributes"),
                object(GET_OBJECT_TAGGING, Map.of("tagging", ""), "s3:GetObjectTagging"),
                object(GET_OBJECT_TAGGING, Map.of("tagging", "", "versionId", "v1"), "s3:GetObjectVersionTagging"),
                // Checked by the handler once its Tagging document is read (s3:RequestObjectTag/…).
                object(PUT_OBJECT_TAGGING, Map.of("tagging", "")),
                object(DELETE_OBJECT_TAGGING, Map.of("tagging", ""), "s3:DeleteObjectTagging"),
                object(DELETE_OBJECT_TAGGING, Map.of("tagging", "", "versionId", "v1"), "s3:DeleteObjectVersionTagging"),
                object(GET_OBJECT_RETENTION, Map.of("retention", "", "versionId", "v1"), "s3:GetObjectRetention"),
                object(PUT_OBJECT_RETENTION, Map.of("retention", ""), "s3:PutObjectRetention"),
                object(GET_OBJECT_LEGAL_HOLD, Map.of("legal-hold", ""), "s3:GetObjectLegalHold"),
                object(PUT_OBJECT_LEGAL_HOLD, Map.of("legal-hold", "", "versionId", "v1"), "s3:PutObjectLegalHold"),
                object(CREATE_MULTIPART_UPLOAD, Map.of("uploads", ""), "s3:PutObject"),
                object(UPLOAD_PART, Map.of("uploadId", "u", "partNumber", "1"), "s3:PutObject"),
                object(UPLOAD_PART_COPY, Map.of("uploadId", "u", "partNumber", "1"), "s3:PutObject"),
                object(COMPLETE_MULTIPART_UPLOAD, Map.of("uploadId", "u"), "s3:PutObject"),
                object(ABORT_MULTIPART_UPLOAD, Map.of("uploadId", "u"), "s3:AbortMultipartUpload"),
                object(LIST_PARTS, Map.of("uploadId", "u"), "s3:ListMultipartUploadParts"),
                // Checked by the handler, per key / once the form names its key and signer.
                new Row(DELETE_OBJECTS, null, Map.of("delete", ""), List.of(), "arn:aws:s3:::photos"),
                new Row(POST_OBJECT, null, Map.of(), List.of(), "arn:aws:s3:::photos"),
                // A CORS preflight is answered to anyone.
                new Row(OPTIONS_OBJECT, "2024/cat.jpg", Map.of(), List.of(), "arn:aws:s3:::photos/2024/cat.jpg"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void operationNeedsItsDocumentedActionsOnItsResource(Row row) {
        String bucket = row.operation() == LIST_BUCKETS ? null : "photos";
        List<ActionCheck> checks = IamActions.of(new S3Request(row.operation(), bucket, row.key(), row.query(), false))
                .orElseThrow();
        assertThat(checks).extracting(ActionCheck::action).containsExactlyElementsOf(row.actions());
        assertThat(checks).extracting(ActionCheck::resourceArn).allMatch(row.resource()::equals);
    }

    @Test
    void everyOperationHasARowInTheTableAndInThisTest() {
        Set<S3Operation> notRouted = EnumSet.of(UNSUPPORTED, METHOD_NOT_ALLOWED);
        Set<S3Operation> tested = EnumSet.noneOf(S3Operation.class);
        rows().forEach(row -> tested.add(row.operation()));
        for (S3Operation op : S3Operation.values()) {
            if (notRouted.contains(op)) continue;
            assertThat(IamActions.knows(op)).as("a new operation needs its IAM action(s) and resource in "
                    + "api authz/IamActions (S3 User Guide, 'Required permissions for Amazon S3 API operations') "
                    + "and a row in this test: " + op).isTrue();
            assertThat(tested).as("a row in this test for " + op).contains(op);
        }
        assertThat(Arrays.stream(S3Operation.values()).filter(notRouted::contains).map(IamActions::knows))
                .containsOnly(false);
    }

    @Test
    void aCopySourceNeedsGetObjectOrGetObjectVersion() {
        assertThat(IamActions.copySource("src", "a/b", null))
                .isEqualTo(new ActionCheck("s3:GetObject", "src", "a/b"));
        assertThat(IamActions.copySource("src", "a/b", "v1").action()).isEqualTo("s3:GetObjectVersion");
        assertThat(IamActions.copySource("src", "a/b", null).resourceArn()).isEqualTo("arn:aws:s3:::src/a/b");
    }

    @Test
    void eachDeletedKeyNeedsDeleteObjectOrDeleteObjectVersion() {
        assertThat(IamActions.deleteKey("b", "k", null).action()).isEqualTo("s3:DeleteObject");
        assertThat(IamActions.deleteKey("b", "k", "v").action()).isEqualTo("s3:DeleteObjectVersion");
    }

    @Test
    void aDeleteConditionalOnAnEtagNeedsGetObjectTooButStarDoesNot() {
        S3Request delete = new S3Request(DELETE_OBJECT, "b", "k", Map.of(), false);
        assertThat(IamActions.of(delete, Map.of("if-match", "\"e1\"")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:DeleteObject", "s3:GetObject");
        assertThat(IamActions.of(delete, Map.of("if-match", "*")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:DeleteObject");
    }

    @Test
    void aWriteThatSetsTagsNeedsPutObjectTaggingToo() {
        S3Request put = new S3Request(PUT_OBJECT, "photos", "k", Map.of(), false);
        assertThat(IamActions.of(put, Map.of("x-amz-tagging", "a=b")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:PutObject", "s3:PutObjectTagging");
        assertThat(IamActions.of(put, Map.of()).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:PutObject");
        S3Request create = new S3Request(CREATE_MULTIPART_UPLOAD, "photos", "k", Map.of("uploads", ""), false);
        assertThat(IamActions.of(create, Map.of("x-amz-tagging", "a=b")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:PutObject", "s3:PutObjectTagging");
        S3Request copy = new S3Request(COPY_OBJECT, "photos", "k", Map.of(), false);
        assertThat(IamActions.of(copy, Map.of("x-amz-tagging", "a=b", "x-amz-tagging-directive", "REPLACE"))
                .orElseThrow()).extracting(ActionCheck::action).containsExactly("s3:PutObject", "s3:PutObjectTagging");
        assertThat(IamActions.of(copy, Map.of("x-amz-tagging", "a=b")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:PutObject");
        S3Request get = new S3Request(GET_OBJECT, "photos", "k", Map.of(), false);
        assertThat(IamActions.of(get, Map.of("x-amz-tagging", "a=b")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:GetObject");
        assertThat(IamActions.postObjectTags("photos", "k").resourceArn()).isEqualTo("arn:aws:s3:::photos/k");
        assertThat(IamActions.putObjectTagging("photos", "k", null).action()).isEqualTo("s3:PutObjectTagging");
        assertThat(IamActions.putObjectTagging("photos", "k", "v1").action()).isEqualTo("s3:PutObjectVersionTagging");
    }

    @Test
    void aWriteWithObjectLockHeadersNeedsTheRetentionAndLegalHoldPermissionsToo() {
        S3Request put = new S3Request(PUT_OBJECT, "vault", "k", Map.of(), false);
        assertThat(IamActions.of(put, Map.of("x-amz-object-lock-mode", "GOVERNANCE",
                "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z")).orElseThrow())
                .extracting(ActionCheck::action).containsExactly("s3:PutObject", "s3:PutObjectRetention");
        assertThat(IamActions.of(put, Map.of("x-amz-object-lock-legal-hold", "ON")).orElseThrow())
                .extracting(ActionCheck::action).containsExactly("s3:PutObject", "s3:PutObjectLegalHold");
        S3Request create = new S3Request(CREATE_MULTIPART_UPLOAD, "vault", "k", Map.of("uploads", ""), false);
        assertThat(IamActions.of(create, Map.of("x-amz-object-lock-mode", "COMPLIANCE",
                "x-amz-object-lock-legal-hold", "OFF")).orElseThrow()).extracting(ActionCheck::action)
                .containsExactly("s3:PutObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold");
        S3Request copy = new S3Request(COPY_OBJECT, "vault", "k", Map.of(), false);
        assertThat(IamActions.of(copy, Map.of("x-amz-object-lock-legal-hold", "ON")).orElseThrow())
                .extracting(ActionCheck::action).containsExactly("s3:PutObject", "s3:PutObjectLegalHold");
        S3Request get = new S3Request(GET_OBJECT, "vault", "k", Map.of(), false);
        assertThat(IamActions.of(get, Map.of("x-amz-object-lock-legal-hold", "ON")).orElseThrow())
                .extracting(ActionCheck::action).containsExactly("s3:GetObject");
        // A POST form's lock fields, by the same rule.
        assertThat(IamActions.lockChecks("vault", "k", Set.of("x-amz-object-lock-retain-until-date",
                "x-amz-object-lock-legal-hold")::contains)).extracting(ActionCheck::action)
                .containsExactly("s3:PutObjectRetention", "s3:PutObjectLegalHold");
        assertThat(IamActions.lockChecks("vault", "k", Set.of("key", "acl")::contains)).isEmpty();
    }
}
