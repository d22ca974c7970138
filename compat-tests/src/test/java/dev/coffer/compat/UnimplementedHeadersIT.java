package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Headers that ask for what Coffer does not do yet (a KMS encryption context, ACL
 * grants, website redirects, other storage classes) are answered as S3 would answer them, never
 * ignored: an SSE-C upload stored in plaintext and read back without its key was the attack.
 */
@ExtendWith(CofferServerExtension.class)
class UnimplementedHeadersIT {
    private static final byte[] BODY = TestData.utf8("must not be stored in plaintext");
    private static final byte[] CUSTOMER_KEY = TestData.randomBytes(32, 7);

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("unimplemented");
    }

    /** SSE-C is implemented (SseIT), but a customer key sent in the clear is refused as S3 refuses it. */
    @Test
    void sseCustomerKeyOverPlainHttpIsRefusedAndStoresNothing() {
        Map<String, String> sseC = Map.of("x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", Base64.getEncoder().encodeToString(CUSTOMER_KEY),
                "x-amz-server-side-encryption-customer-key-MD5", TestData.md5Base64(CUSTOMER_KEY));
        String body = assertXmlError(server.raw().signed("PUT", "/" + bucket + "/sse-c", sseC, BODY), 400, "InvalidRequest");
        assertThat(Xml.text(body, "/Error/Message")).isEqualTo("Requests specifying Server Side Encryption with "
                + "Customer provided keys must be made over a secure connection.");
        assertNoObject("sse-c");

        server.s3().putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(BODY));
        assertXmlError(server.raw().signed("GET", "/" + bucket + "/plain", sseC, new byte[0]), 400, "InvalidRequest");
    }

    @Test
    void kmsEncryptionContextRedirectAndColdStorageAreNotImplemented() {
        assertNotImplemented("sse-kms", () -> server.s3().createMultipartUpload(b -> b.bucket(bucket).key("sse-kms")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsEncryptionContext("e30=")));
        assertNotImplemented("redirect", () -> server.s3().putObject(b -> b.bucket(bucket).key("redirect")
                .websiteRedirectLocation("/elsewhere"), RequestBody.fromBytes(BODY)));
        assertNotImplemented("glacier", () -> server.s3().putObject(b -> b.bucket(bucket).key("glacier")
                .storageClass(StorageClass.GLACIER), RequestBody.fromBytes(BODY)));
        assertXmlError(server.raw().signed("PUT", "/" + bucket + "/frozen", Map.of("x-amz-storage-class", "FROZEN"), BODY),
                400, "InvalidStorageClass");
        assertNoObject("frozen");
    }

    @Test
    void theSdksNewerChecksumsEventHoldsAndNamespacesAreNotImplemented() {
        // Members S3 added to the SDK's model after Coffer's checksums and Object Lock were written.
        assertNotImplemented("sha512", () -> server.s3().putObject(b -> b.bucket(bucket).key("sha512")
                .checksumSHA512("AAAA"), RequestBody.fromBytes(BODY)));
        assertNotImplemented("event-hold", () -> server.s3().putObject(b -> b.bucket(bucket).key("event-hold")
                .objectLockEventHold("ON"), RequestBody.fromBytes(BODY)));
        String regional = server.uniqueBucketName("regional");
        assertS3Error(501, "NotImplemented", () -> server.s3().createBucket(b -> b.bucket(regional)
                .bucketNamespace("account-regional")));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().headBucket(b -> b.bucket(regional)));
    }

    @Test
    void aclsOtherThanTheBucketOwnersAreNotSupportedAsOnABucketThatEnforcesOwnership() {
        for (ObjectCannedACL acl : List.of(ObjectCannedACL.PUBLIC_READ, ObjectCannedACL.PUBLIC_READ_WRITE,
                ObjectCannedACL.AUTHENTICATED_READ)) {
            assertS3Error(400, "AccessControlListNotSupported", () -> server.s3().putObject(b -> b.bucket(bucket)
                    .key("acl-" + acl).acl(acl), RequestBody.fromBytes(BODY)));
            assertNoObject("acl-" + acl);
        }
        assertS3Error(400, "AccessControlListNotSupported", () -> server.s3().putObject(b -> b.bucket(bucket)
                .key("grant").grantRead("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""), RequestBody.fromBytes(BODY)));
        assertNoObject("grant");
        for (ObjectCannedACL acl : List.of(ObjectCannedACL.PRIVATE, ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)) {
            server.s3().putObject(b -> b.bucket(bucket).key("acl-" + acl).acl(acl).storageClass(StorageClass.STANDARD),
                    RequestBody.fromBytes(BODY));
            assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("acl-" + acl)).asByteArray()).isEqualTo(BODY);
        }
    }

    @Test
    void postFormFieldsAreHeldToTheSameRules() {
        for (Map.Entry<String, String> field : Map.of("x-amz-server-side-encryption-context", "e30=",
                "x-amz-storage-class", "GLACIER").entrySet()) {
            String key = "form-" + field.getKey();
            assertXmlError(PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}",
                    "[\"starts-with\", \"$" + field.getKey() + "\", \"\"]")).with(field.getKey(), field.getValue())
                    .post("f.txt", BODY), 501, "NotImplemented");
            assertNoObject(key);
        }
        assertXmlError(PostObjectIT.Form.v4(server, bucket, "form-acl", List.of("{\"key\": \"form-acl\"}", "{\"acl\": \"public-read\"}"))
                .with("acl", "public-read").post("f.txt", BODY), 400, "AccessControlListNotSupported");
        assertNoObject("form-acl");
    }

    @Test
    void anUnsignedRequestIsDeniedBeforeItsHeadersAreLookedAt() {
        assertThat(server.raw().send(java.net.http.HttpRequest.newBuilder(server.raw().uri("/" + bucket + "/anon"))
                .header("x-amz-tagging", "a=b").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(BODY)).build())
                .statusCode()).isEqualTo(403);
    }

    /** One list decides (S3StorageClass): STANDARD stored, S3's other tiers NotImplemented, other bucket kinds' invalid. */
    @Test
    void eachStorageClassGetsOneAnswerOnEveryWrite() {
        server.s3().putObject(b -> b.bucket(bucket).key("standard").storageClass(StorageClass.STANDARD),
                RequestBody.fromBytes(BODY));
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("standard")).contentLength()).isEqualTo(BODY.length);
        assertNotImplemented("rrs", () -> server.s3().putObject(b -> b.bucket(bucket).key("rrs")
                .storageClass(StorageClass.REDUCED_REDUNDANCY), RequestBody.fromBytes(BODY)));
        assertNotImplemented("ia-copy", () -> server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("standard")
                .destinationBucket(bucket).destinationKey("ia-copy").storageClass(StorageClass.STANDARD_IA)));
        assertS3Error(501, "NotImplemented", () -> server.s3().createMultipartUpload(b -> b.bucket(bucket).key("tiering")
                .storageClass(StorageClass.INTELLIGENT_TIERING)));
        for (StorageClass otherKind : List.of(StorageClass.OUTPOSTS, StorageClass.EXPRESS_ONEZONE, StorageClass.SNOW)) {
            assertS3Error(400, "InvalidStorageClass", () -> server.s3().putObject(b -> b.bucket(bucket)
                    .key("kind-" + otherKind).storageClass(otherKind), RequestBody.fromBytes(BODY)));
            assertS3Error(400, "InvalidStorageClass", () -> server.s3().createMultipartUpload(b -> b.bucket(bucket)
                    .key("kind-" + otherKind).storageClass(otherKind)));
            assertNoObject("kind-" + otherKind);
        }
        assertThat(server.s3().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    private static void assertNotImplemented(String key, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertS3Error(501, "NotImplemented", call);
        assertNoObject(key);
    }

    private static void assertNoObject(String key) {
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents()).as("objects under " + key)
                .noneMatch(o -> o.key().equals(key));
    }
}
