package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

/**
 * Every canned ACL on a bucket and on an object, and what each principal can then do, through the
 * AWS SDK v2 at its defaults (anonymous requests as plain unsigned HTTP): the owning account's
 * root; an IAM user of that account with no policy, and one whose identity policy allows s3:*;
 * the other account's root; an IAM user of the other account whose policy allows s3:*, and one
 * with none; anonymous. As AWS documents it (S3 User Guide, "Access control list (ACL) overview"
 * and "How Amazon S3 authorizes a request"): within the owner's account the identity policy
 * decides, a grant to the owner's account reaching its users only through their policies, while
 * the AllUsers and AuthenticatedUsers groups reach them as they reach anyone; across accounts the
 * user's policy and the ACL must both allow; aws-exec-read's EC2 grantee and the bucket-owner ACLs
 * of the bucket owner's own object add no one; an object another account wrote is that account's,
 * the bucket owner reaching it only by its ACL. Each table row is the expected column set.
 */
@ExtendWith(CofferServerExtension.class)
class AclMatrixIT {
    enum Who { OWNER, OWNER_USER, OWNER_USER_ALLOWED, OTHER, OTHER_USER_ALLOWED, OTHER_USER, ANONYMOUS }

    private static final Set<Who> OWNERS = EnumSet.of(Who.OWNER, Who.OWNER_USER_ALLOWED);
    private static final Set<Who> AUTHENTICATED = EnumSet.of(Who.OWNER, Who.OWNER_USER_ALLOWED, Who.OWNER_USER,
            Who.OTHER, Who.OTHER_USER_ALLOWED);
    private static final Set<Who> EVERYONE = EnumSet.complementOf(EnumSet.of(Who.OTHER_USER));

    private static final String ALLOW_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    private static CofferServer server;
    private static AclITAccounts accounts;
    private static final Map<Who, S3Client> clients = new EnumMap<>(Who.class);
    private static String otherAccountId;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        accounts = new AclITAccounts(server);
        JsonNode owner = accounts.create("matrix-owner");
        JsonNode other = accounts.create("matrix-other");
        otherAccountId = other.get("accountId").asText();
        clients.put(Who.OWNER, accounts.client(owner));
        clients.put(Who.OTHER, accounts.client(other));
        clients.put(Who.OWNER_USER, accounts.user(owner, "matrix-bare", null));
        clients.put(Who.OWNER_USER_ALLOWED, accounts.user(owner, "matrix-allowed", ALLOW_S3));
        clients.put(Who.OTHER_USER, accounts.user(other, "matrix-bare", null));
        clients.put(Who.OTHER_USER_ALLOWED, accounts.user(other, "matrix-allowed", ALLOW_S3));
    }

    @AfterAll
    static void stop() {
        clients.values().forEach(S3Client::close);
    }

    private static String ownedBucket(String hint) {
        return accounts.writerBucket(clients.get(Who.OWNER), hint);
    }

    /** One operation as each principal may try it; true when allowed, false on 403 AccessDenied. */
    private record Operation(String name, BiPredicate<S3Client, String> signed, java.util.function.Function<String, Integer> anonymous) {
        boolean allowed(Who who, String target) {
            if (who == Who.ANONYMOUS) {
                int status = anonymous.apply(target);
                assertThat(status).as("%s %s anonymously", name, target).isIn(200, 403);
                return status == 200;
            }
            try {
                return signed.test(clients.get(who), target);
            } catch (S3Exception e) {
                assertThat(e.awsErrorDetails().errorCode()).as("%s %s by %s", name, target, who).isEqualTo("AccessDenied");
                return false;
            }
        }
    }

    private static int anonymous(String method, String path) {
        return server.raw().anonymous(method, path).statusCode();
    }

    private static String bucketOf(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    private static String keyOf(String target) {
        return target.substring(target.indexOf('/') + 1);
    }

    private static final Operation GET_OBJECT = new Operation("GetObject",
            (c, t) -> c.getObjectAsBytes(b -> b.bucket(bucketOf(t)).key(keyOf(t))) != null,
            t -> anonymous("GET", "/" + t));
    private static final Operation GET_OBJECT_ACL = new Operation("GetObjectAcl",
            (c, t) -> c.getObjectAcl(b -> b.bucket(bucketOf(t)).key(keyOf(t))) != null,
            t -> anonymous("GET", "/" + t + "?acl"));
    private static final Operation LIST = new Operation("ListObjectsV2",
            (c, t) -> c.listObjectsV2(b -> b.bucket(t)) != null, t -> anonymous("GET", "/" + t + "?list-type=2"));
    private static final Operation PUT_OBJECT = new Operation("PutObject",
            (c, t) -> c.putObject(b -> b.bucket(t).key("written"), RequestBody.fromString("w")) != null,
            t -> anonymous("PUT", "/" + t + "/written"));
    private static final Operation DELETE_OBJECT = new Operation("DeleteObject",
            (c, t) -> c.deleteObject(b -> b.bucket(bucketOf(t)).key(keyOf(t))) != null,
            t -> anonymous("DELETE", "/" + t));

    private static Operation putObjectAcl(String cannedAcl) {
        return new Operation("PutObjectAcl " + cannedAcl,
                (c, t) -> c.putObjectAcl(b -> b.bucket(bucketOf(t)).key(keyOf(t)).acl(cannedAcl)) != null,
                t -> anonymous("PUT", "/" + t + "?acl"));
    }

    private static final Operation GET_BUCKET_ACL = new Operation("GetBucketAcl",
            (c, t) -> c.getBucketAcl(b -> b.bucket(t)) != null, t -> anonymous("GET", "/" + t + "?acl"));

    /** The principals whose answer differs from the expected set, as "operation target: who (expected)". */
    private static List<String> differences(Operation op, String target, Set<Who> expected) {
        List<String> wrong = new ArrayList<>();
        for (Who who : Who.values()) {
            boolean allowed = op.allowed(who, target);
            if (allowed != expected.contains(who)) {
                wrong.add(op.name() + " " + target + ": " + who + " " + (allowed ? "allowed" : "denied"));
            }
        }
        return wrong;
    }

    /** Objects the owner's root writes with each canned ACL in a bucket whose own ACL is private. */
    @Test
    void eachCannedObjectAclGrantsExactlyWhatS3Documents() {
        String bucket = ownedBucket("acl-matrix-objects");
        Map<String, Set<Who>> readers = Map.of(
                "private", OWNERS,
                "public-read", EVERYONE,
                "public-read-write", EVERYONE,
                "authenticated-read", AUTHENTICATED,
                "aws-exec-read", OWNERS,
                "bucket-owner-read", OWNERS,
                "bucket-owner-full-control", OWNERS);
        List<String> wrong = new ArrayList<>();
        readers.forEach((acl, expected) -> {
            clients.get(Who.OWNER).putObject(b -> b.bucket(bucket).key(acl).acl(acl), RequestBody.fromString(acl));
            wrong.addAll(differences(GET_OBJECT, bucket + "/" + acl, expected));
            // READ_ACP: the object's owner only (no canned ACL grants it to anyone else).
            wrong.addAll(differences(GET_OBJECT_ACL, bucket + "/" + acl, OWNERS));
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * The other account writes into the owner's ObjectWriter bucket (its bucket policy allows that
     * account s3:PutObject, nothing more) and so owns what it wrote. As AWS documents it (S3 User
     * Guide, "How Amazon S3 authorizes a request for an object operation"): the requester needs
     * the object owner's permission — its own identities' policies, or the object's ACL — and the
     * bucket owner's policy can only deny; so the bucket owner reads the object or its ACL only
     * where the object's ACL grants its account (bucket-owner-read: READ; bucket-owner-full-control:
     * all), its users also needing their own policy. Deleting is the bucket's WRITE, the bucket
     * owner's to give: its account may, the writer (not granted s3:DeleteObject) may not.
     */
    @Test
    void anObjectAnotherAccountWroteIsItsOwnersAndTheBucketOwnerGetsWhatItsAclGrantsButMayDeleteIt() {
        String bucket = ownedBucket("acl-matrix-handed");
        clients.get(Who.OWNER).putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + otherAccountId + ":root\"},"
                + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        Set<Who> writer = EnumSet.of(Who.OTHER, Who.OTHER_USER_ALLOWED);
        Set<Who> writerAndBucketOwner = EnumSet.of(Who.OTHER, Who.OTHER_USER_ALLOWED, Who.OWNER, Who.OWNER_USER_ALLOWED);
        record Row(String acl, Set<Who> get, Set<Who> getAcl, Set<Who> putAcl) {}
        List<Row> rows = List.of(
                new Row("private", writer, writer, writer),
                new Row("bucket-owner-read", writerAndBucketOwner, writer, writer),
                new Row("bucket-owner-full-control", writerAndBucketOwner, writerAndBucketOwner, writerAndBucketOwner));
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            clients.get(Who.OTHER).putObject(b -> b.bucket(bucket).key(row.acl()).acl(row.acl()),
                    RequestBody.fromString(row.acl()));
            String target = bucket + "/" + row.acl();
            wrong.addAll(differences(GET_OBJECT, target, row.get()));
            wrong.addAll(differences(GET_OBJECT_ACL, target, row.getAcl()));
            // Each allowed PutObjectAcl sets the ACL the object already has, so the rows stay as written.
            wrong.addAll(differences(putObjectAcl(row.acl()), target, row.putAcl()));
        }
        for (Row row : rows) {
            wrong.addAll(differences(DELETE_OBJECT, bucket + "/" + row.acl(), OWNERS));
        }
        assertThat(wrong).isEmpty();
        assertThat(clients.get(Who.OWNER).listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    /** The owner's root makes a bucket with each canned ACL (S3 ignores the bucket-owner ones on buckets). */
    @Test
    void eachCannedBucketAclGrantsExactlyWhatS3Documents() {
        record Row(String acl, Set<Who> list, Set<Who> write) {}
        List<Row> rows = List.of(
                new Row("private", OWNERS, OWNERS),
                new Row("public-read", EVERYONE, OWNERS),
                new Row("public-read-write", EVERYONE, EVERYONE),
                new Row("authenticated-read", AUTHENTICATED, OWNERS),
                new Row("aws-exec-read", OWNERS, OWNERS),
                new Row("bucket-owner-read", OWNERS, OWNERS),
                new Row("bucket-owner-full-control", OWNERS, OWNERS),
                new Row("log-delivery-write", OWNERS, OWNERS));
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            String bucket = accounts.writerBucket(clients.get(Who.OWNER), "acl-matrix-" + row.acl(), b -> b.acl(row.acl()));
            wrong.addAll(differences(LIST, bucket, row.list()));
            wrong.addAll(differences(PUT_OBJECT, bucket, row.write()));
            wrong.addAll(differences(GET_BUCKET_ACL, bucket, OWNERS));
        }
        assertThat(wrong).isEmpty();
    }
}
