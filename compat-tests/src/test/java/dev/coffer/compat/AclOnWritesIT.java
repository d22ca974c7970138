package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import tools.jackson.databind.JsonNode;

/**
 * ACLs set by the writes other than PutObject, and the owners other accounts' writes get, through
 * the AWS SDK v2 at its defaults with two accounts: {@code x-amz-acl} and {@code x-amz-grant-*} on
 * CopyObject and CreateMultipartUpload in an ObjectWriter bucket (refused where the bucket enforces
 * its ownership, nothing written) and a POST form's {@code acl} field; ListObjects, ListObjectsV2
 * with fetch-owner and ListObjectVersions name each object's owning account, ListMultipartUploads
 * and ListParts each upload's initiator (its account, or an IAM user's ARN) and the owner of the
 * object to be.
 */
@ExtendWith(CofferServerExtension.class)
class AclOnWritesIT {
    private static CofferServer server;
    private static S3Client s3;
    private static AclITAccounts accounts;
    private static JsonNode other;
    private static String otherId;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        s3 = server.s3();
        accounts = new AclITAccounts(server);
        other = accounts.create("acl-writes-other");
        otherId = other.get("canonicalUserId").asText();
    }

    private static String writerBucket(String hint) {
        return accounts.writerBucket(s3, hint, b -> b.grantWrite("id=\"" + otherId + "\"").grantRead("id=\"" + otherId + "\""));
    }

    private static boolean allUsersRead(String bucket, String key) {
        return s3.getObjectAcl(b -> b.bucket(bucket).key(key)).grants().stream().anyMatch(g ->
                AclIT.ALL_USERS.equals(g.grantee().uri()) && g.permission() == Permission.READ);
    }

    private static void multipart(S3Client client, String bucket, String key,
                                  java.util.function.Consumer<software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder> acl) {
        String upload = client.createMultipartUpload(b -> {
            b.bucket(bucket).key(key);
            acl.accept(b);
        }).uploadId();
        String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
    }

    @Test
    void copyObjectAndCreateMultipartUploadTakeCannedAclsAndGrants() {
        String bucket = writerBucket("acl-writes");
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("source"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copy-public")
                .acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(allUsersRead(bucket, "copy-public")).isTrue();
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/copy-public").statusCode()).isEqualTo(200);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copy-granted")
                .grantRead("id=\"" + otherId + "\""));
        assertThat(allUsersRead(bucket, "copy-granted")).isFalse();

        multipart(s3, bucket, "mpu-public", b -> b.acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(allUsersRead(bucket, "mpu-public")).isTrue();
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/mpu-public").statusCode()).isEqualTo(200);
        multipart(s3, bucket, "mpu-granted", b -> b.grantFullControl("id=\"" + otherId + "\""));
        try (S3Client theirs = accounts.client(other)) {
            assertThat(theirs.getObjectAsBytes(b -> b.bucket(bucket).key("copy-granted")).asUtf8String()).isEqualTo("source");
            assertS3Error(403, "AccessDenied", () -> theirs.getObjectAcl(b -> b.bucket(bucket).key("copy-granted")));
            assertThat(theirs.getObjectAcl(b -> b.bucket(bucket).key("mpu-granted")).grants())
                    .anySatisfy(g -> assertThat(g.grantee().id()).isEqualTo(otherId));
            assertS3Error(403, "AccessDenied", () -> theirs.getObject(b -> b.bucket(bucket).key("src")));
        }
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/copy-granted").statusCode()).isEqualTo(403);
    }

    @Test
    void aBucketThatEnforcesOwnershipRefusesThemAndWritesNothing() {
        String bucket = server.uniqueBucketName("acl-writes-enforced");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("source"));
        assertS3Error(400, "AccessControlListNotSupported", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("copy").acl(ObjectCannedACL.PUBLIC_READ)));
        assertS3Error(400, "AccessControlListNotSupported", () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")
                .grantRead("id=\"" + otherId + "\"")));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("src");
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        // The bucket owner's own full control changes nothing, and is accepted.
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copy")
                .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
    }

    @Test
    void anAclHeaderOnUploadPartIsIgnoredAsS3IgnoresItAndGrantsNothing() {
        String bucket = writerBucket("acl-writes-part");
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(upload).partNumber(1)
                .overrideConfiguration(o -> o.putHeader("x-amz-acl", "public-read")
                        .putHeader("x-amz-grant-read", "uri=\"" + AclIT.ALL_USERS + "\"")),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(upload)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))
                .overrideConfiguration(o -> o.putHeader("x-amz-acl", "public-read")));
        assertThat(allUsersRead(bucket, "mpu")).isFalse();
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/mpu").statusCode()).isEqualTo(403);
    }

    @Test
    void listingsNameTheAccountThatOwnsEachObject() {
        String bucket = writerBucket("acl-owners");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String ownerId = s3.listBuckets().owner().id();
        s3.putObject(b -> b.bucket(bucket).key("mine"), RequestBody.fromString("mine"));
        try (S3Client theirs = accounts.client(other)) {
            theirs.putObject(b -> b.bucket(bucket).key("theirs"), RequestBody.fromString("theirs"));
        }
        Map<String, String> v2 = s3.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents().stream()
                .collect(Collectors.toMap(o -> o.key(), o -> o.owner().id()));
        assertThat(v2).containsExactlyInAnyOrderEntriesOf(Map.of("mine", ownerId, "theirs", otherId));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).allSatisfy(o -> assertThat(o.owner()).isNull());
        Map<String, String> v1 = s3.listObjects(b -> b.bucket(bucket)).contents().stream()
                .collect(Collectors.toMap(o -> o.key(), o -> o.owner().id()));
        assertThat(v1).isEqualTo(v2);
        Map<String, String> versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions().stream()
                .collect(Collectors.toMap(o -> o.key(), o -> o.owner().id()));
        assertThat(versions).isEqualTo(v2);
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).extracting(o -> o.owner().displayName())
                .doesNotContainNull();
        assertThat(List.copyOf(versions.keySet())).containsExactlyInAnyOrder("mine", "theirs");
    }

    @Test
    void onceAclsAreDisabledListingsNameTheBucketOwnerForObjectsAndUploadsOthersMade() {
        String bucket = writerBucket("acl-owners-switched");
        String ownerId = s3.listBuckets().owner().id();
        String upload;
        try (S3Client theirs = accounts.client(other)) {
            theirs.putObject(b -> b.bucket(bucket).key("theirs"), RequestBody.fromString("theirs"));
            upload = theirs.createMultipartUpload(b -> b.bucket(bucket).key("their-upload")).uploadId();
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents())
                .singleElement().satisfies(o -> assertThat(o.owner().id()).isEqualTo(otherId));
        // S3 refuses BucketOwnerEnforced while the bucket's ACL grants others; reset it first.
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).fetchOwner(true)).contents())
                .singleElement().satisfies(o -> assertThat(o.owner().id()).isEqualTo(ownerId));
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents())
                .singleElement().satisfies(o -> assertThat(o.owner().id()).isEqualTo(ownerId));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions())
                .singleElement().satisfies(o -> assertThat(o.owner().id()).isEqualTo(ownerId));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).singleElement().satisfies(u -> {
            assertThat(u.initiator().id()).isEqualTo(otherId);
            assertThat(u.owner().id()).isEqualTo(ownerId);
        });
        var parts = s3.listParts(b -> b.bucket(bucket).key("their-upload").uploadId(upload));
        assertThat(List.of(parts.initiator().id(), parts.owner().id())).containsExactly(otherId, ownerId);
    }

    @Test
    void uploadListingsNameTheInitiatingAccountAndTheOwnerOfTheObjectToBe() {
        String ownerId = s3.listBuckets().owner().id();
        String writer = writerBucket("acl-uploads-writer");
        String enforced = server.uniqueBucketName("acl-uploads-enforced");
        s3.createBucket(b -> b.bucket(enforced).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
        s3.putBucketPolicy(b -> b.bucket(enforced).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + other.get("accountId").asText() + ":root\"},"
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + enforced + "/*\"}]}"));
        s3.createMultipartUpload(b -> b.bucket(writer).key("mine"));
        String theirs;
        String handedOver;
        try (S3Client them = accounts.client(other)) {
            theirs = them.createMultipartUpload(b -> b.bucket(writer).key("theirs")).uploadId();
            handedOver = them.createMultipartUpload(b -> b.bucket(enforced).key("handed-over")).uploadId();
        }
        // Initiator: who started it; Owner: who will own the object (ObjectWriter: the writer).
        Map<String, List<String>> inWriter = s3.listMultipartUploads(b -> b.bucket(writer)).uploads().stream()
                .collect(Collectors.toMap(u -> u.key(), u -> List.of(u.initiator().id(), u.owner().id())));
        assertThat(inWriter).isEqualTo(Map.of("mine", List.of(ownerId, ownerId), "theirs", List.of(otherId, otherId)));
        // BucketOwnerEnforced: the bucket owner owns what another account uploads.
        var upload = s3.listMultipartUploads(b -> b.bucket(enforced)).uploads();
        assertThat(upload).singleElement().satisfies(u -> {
            assertThat(u.initiator().id()).isEqualTo(otherId);
            assertThat(u.initiator().displayName()).isEqualTo("acl-writes-other");
            assertThat(u.owner().id()).isEqualTo(ownerId);
        });
        var parts = s3.listParts(b -> b.bucket(enforced).key("handed-over").uploadId(handedOver));
        assertThat(parts.initiator().id()).isEqualTo(otherId);
        assertThat(parts.owner().id()).isEqualTo(ownerId);
        var theirParts = s3.listParts(b -> b.bucket(writer).key("theirs").uploadId(theirs));
        assertThat(List.of(theirParts.initiator().id(), theirParts.owner().id())).containsExactly(otherId, otherId);
    }

    @Test
    void aPostFormsAclFieldSetsTheNewObjectsAclAsTheHeaderDoes() {
        String bucket = writerBucket("acl-post");
        HttpResponse<byte[]> posted = PostObjectIT.Form.v4(server, bucket, "public.html", List.of(
                "{\"key\": \"public.html\"}", "{\"acl\": \"public-read\"}"))
                .with("acl", "public-read").post("public.html", TestData.utf8("<p>posted</p>"));
        assertThat(posted.statusCode()).isEqualTo(204);
        assertThat(allUsersRead(bucket, "public.html")).isTrue();
        HttpResponse<byte[]> anonymous = server.raw().anonymous("GET", "/" + bucket + "/public.html");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).isEqualTo("<p>posted</p>");
        HttpResponse<byte[]> unknown = PostObjectIT.Form.v4(server, bucket, "odd.html", List.of(
                "{\"key\": \"odd.html\"}", "{\"acl\": \"world-writable\"}"))
                .with("acl", "world-writable").post("odd.html", TestData.utf8("x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("odd.html")));
    }

    @Test
    void anUploadStartedByAnIamUserShowsTheUsersArnAsItsInitiatorAndTheAccountAsItsOwner() {
        String bucket = writerBucket("acl-uploads-user");
        String ownerId = s3.listBuckets().owner().id();
        String name = "uploader-" + Long.toHexString(System.nanoTime());
        String arn;
        software.amazon.awssdk.services.iam.model.AccessKey key;
        try (var iam = server.newIamClient()) {
            arn = iam.createUser(b -> b.userName(name)).user().arn();
            iam.putUserPolicy(b -> b.userName(name).policyName("upload").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::"
                    + bucket + "/*\"}]}"));
            key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        }
        String upload;
        try (S3Client user = server.newClient(key.accessKeyId(), key.secretAccessKey())) {
            upload = user.createMultipartUpload(b -> b.bucket(bucket).key("by-user")).uploadId();
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).singleElement().satisfies(u -> {
            assertThat(u.initiator().id()).isEqualTo(arn);
            assertThat(u.initiator().displayName()).isEqualTo(name);
            assertThat(u.owner().id()).isEqualTo(ownerId);
        });
        var parts = s3.listParts(b -> b.bucket(bucket).key("by-user").uploadId(upload));
        assertThat(parts.initiator().id()).isEqualTo(arn);
        assertThat(parts.owner().id()).isEqualTo(ownerId);
    }
}
