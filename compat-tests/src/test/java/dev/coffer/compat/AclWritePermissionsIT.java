package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;

/**
 * What setting an ACL while writing needs, through the AWS SDK v2 at its defaults with two accounts
 * and IAM users whose policies allow s3:PutObject alone, or s3:PutObject and s3:PutObjectAcl. As
 * AWS documents it: PutObject needs s3:PutObjectAcl "to change the object's ACL" (API Reference,
 * PutObject, Permissions), while an ACL handing the bucket owner control needs s3:PutObject alone
 * (S3 User Guide, "Policy examples for ACLs": s3:PutObject with s3:x-amz-grant-full-control or
 * bucket-owner-full-control). The new object belongs to the writer's account under ObjectWriter,
 * so s3:PutObjectAcl is asked of that account, as for any object it owns: its root has it, its
 * users through their own policies, and the bucket owner's policy can only deny it. A grantee of
 * the bucket's WRITE therefore writes its objects with any ACL its own side allows.
 */
@ExtendWith(CofferServerExtension.class)
class AclWritePermissionsIT {
    private static final String PUT_ONLY = policy("\"s3:PutObject\"");
    private static final String PUT_AND_ACL = policy("[\"s3:PutObject\",\"s3:PutObjectAcl\"]");

    private static CofferServer server;
    private static AclITAccounts accounts;
    private static S3Client owner;
    private static S3Client ownerPutOnly;
    private static S3Client other;
    private static S3Client otherPutOnly;
    private static S3Client otherPutAndAcl;
    private static String ownerId;
    private static String otherAccount;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        accounts = new AclITAccounts(server);
        JsonNode a = accounts.create("acl-perm-owner");
        JsonNode b = accounts.create("acl-perm-other");
        ownerId = a.get("canonicalUserId").asText();
        otherAccount = b.get("accountId").asText();
        owner = accounts.client(a);
        other = accounts.client(b);
        ownerPutOnly = accounts.user(a, "put-only", PUT_ONLY);
        otherPutOnly = accounts.user(b, "put-only", PUT_ONLY);
        otherPutAndAcl = accounts.user(b, "put-and-acl", PUT_AND_ACL);
    }

    @AfterAll
    static void stop() {
        for (S3Client c : new S3Client[] {owner, ownerPutOnly, other, otherPutOnly, otherPutAndAcl}) c.close();
    }

    private static String policy(String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":\"*\"}]}";
    }

    /** An ObjectWriter bucket of the owner's whose policy has these statements for the other account. */
    private static String bucketAllowingTheOtherAccount(String hint, String statements) {
        String bucket = accounts.writerBucket(owner, hint);
        owner.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + statements.replace("BUCKET", bucket).replace("OTHER", otherAccount) + "]}"));
        return bucket;
    }

    private static final String ALLOW_PUT = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::OTHER:root\"},"
            + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::BUCKET/*\"}";

    private static void put(S3Client client, String bucket, String key, Consumer<PutObjectRequest.Builder> acl) {
        client.putObject(b -> {
            b.bucket(bucket).key(key);
            acl.accept(b);
        }, RequestBody.fromString(key));
    }

    private static void refused(S3Client client, String bucket, String key, Consumer<PutObjectRequest.Builder> acl) {
        assertS3Error(403, "AccessDenied", () -> put(client, bucket, key, acl));
        assertS3Error(404, "NoSuchKey", () -> owner.getObjectAcl(b -> b.bucket(bucket).key(key)));
    }

    @Test
    void anAclGrantingOnlyTheTwoOwnersNeedsPutObjectAloneAndAnyOtherNeedsPutObjectAclToo() {
        String bucket = bucketAllowingTheOtherAccount("acl-perm-put", ALLOW_PUT);
        // The bucket owner's own user: the new object is its account's.
        put(ownerPutOnly, bucket, "own-private", b -> b.acl("private"));
        put(ownerPutOnly, bucket, "own-full", b -> b.acl("bucket-owner-full-control"));
        refused(ownerPutOnly, bucket, "own-auth", b -> b.acl("authenticated-read"));
        refused(ownerPutOnly, bucket, "own-granted", b -> b.grantRead("id=\"" + otherCanonical() + "\""));
        // The other account's user: AWS's cross-account upload pattern, by canned ACL or grant header.
        put(otherPutOnly, bucket, "their-full", b -> b.acl("bucket-owner-full-control"));
        put(otherPutOnly, bucket, "their-owner-read", b -> b.acl("bucket-owner-read"));
        put(otherPutOnly, bucket, "their-granted-full", b -> b.grantFullControl("id=\"" + ownerId + "\""));
        refused(otherPutOnly, bucket, "their-auth", b -> b.acl("authenticated-read"));
        // CreateMultipartUpload (s3:PutObject) asks the same, before any part is sent.
        assertS3Error(403, "AccessDenied", () -> otherPutOnly.createMultipartUpload(b -> b.bucket(bucket).key("their-mpu")
                .acl("authenticated-read")));
        String upload = otherPutOnly.createMultipartUpload(b -> b.bucket(bucket).key("their-mpu")
                .acl("bucket-owner-full-control")).uploadId();
        assertThat(owner.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(u -> u.uploadId())
                .containsExactly(upload);
        // With s3:PutObjectAcl in its own policy it sets any ACL on the object it owns; the bucket
        // policy (which grants only s3:PutObject) need not allow that.
        put(otherPutAndAcl, bucket, "their-auth", b -> b.acl("authenticated-read"));
        assertThat(other.getObjectAcl(b -> b.bucket(bucket).key("their-auth")).owner().id()).isEqualTo(otherCanonical());
        put(other, bucket, "their-root-auth", b -> b.acl("authenticated-read"));
        // authenticated-read took: the bucket owner reads the other account's object through it.
        assertThat(owner.getObjectAsBytes(b -> b.bucket(bucket).key("their-root-auth")).asUtf8String())
                .isEqualTo("their-root-auth");
    }

    @Test
    void theBucketOwnersPolicyCanDenyPutObjectAclOnTheNewObject() {
        String bucket = bucketAllowingTheOtherAccount("acl-perm-deny", ALLOW_PUT + ",{\"Effect\":\"Deny\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::OTHER:root\"},\"Action\":\"s3:PutObjectAcl\","
                + "\"Resource\":\"arn:aws:s3:::BUCKET/*\"}");
        refused(other, bucket, "denied", b -> b.acl("authenticated-read"));
        put(other, bucket, "handed", b -> b.acl("bucket-owner-full-control"));
    }

    @Test
    void aGranteeOfTheBucketsWriteSetsTheAclOfWhatItWritesAsItsOwnSideAllows() {
        String bucket = accounts.writerBucket(owner, "acl-perm-write", b -> b.grantWrite("id=\"" + otherCanonical() + "\""));
        put(other, bucket, "root-auth", b -> b.acl("authenticated-read"));
        assertThat(other.getObjectAcl(b -> b.bucket(bucket).key("root-auth")).grants()).hasSize(2);
        put(otherPutOnly, bucket, "user-private", b -> b.acl("private"));
        refused(otherPutOnly, bucket, "user-auth", b -> b.acl("authenticated-read"));
        put(otherPutAndAcl, bucket, "user-auth", b -> b.acl("authenticated-read"));
        assertThat(owner.getObjectAsBytes(b -> b.bucket(bucket).key("user-auth")).asUtf8String()).isEqualTo("user-auth");
    }

    private static String otherCanonical() {
        return other.listBuckets().owner().id();
    }
}
