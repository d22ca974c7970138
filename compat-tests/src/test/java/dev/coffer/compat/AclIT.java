package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;
import tools.jackson.databind.JsonNode;

/**
 * ACLs and Object Ownership through the AWS SDK for Java v2 at its defaults, with a second
 * account made through the admin endpoint (scripts/coffer-admin.sh).
 */
@ExtendWith(CofferServerExtension.class)
class AclIT {
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static CofferServer server;
    private static S3Client s3;
    private static AclITAccounts accounts;
    private static JsonNode other;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        s3 = server.s3();
        accounts = new AclITAccounts(server);
        other = accounts.create("acl-other");
    }

    static String ownerId() {
        return s3.listBuckets().owner().id();
    }

    static boolean grants(List<Grant> grants, String uri, Permission permission) {
        return grants.stream().anyMatch(g -> uri.equals(g.grantee().uri()) && g.permission() == permission);
    }

    @Test
    void newBucketsEnforceOwnershipAsAwsDoesAndRefuseAclsUntilTheOwnerChangesIt() {
        String bucket = server.createBucket("acl-enforced");
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        var acl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertThat(acl.owner().id()).isEqualTo(ownerId());
        assertThat(acl.grants()).singleElement().satisfies(g -> {
            assertThat(g.grantee().type()).isEqualTo(Type.CANONICAL_USER);
            assertThat(g.grantee().id()).isEqualTo(ownerId());
            assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
        });
        assertS3Error(400, "AccessControlListNotSupported", () -> s3.putBucketAcl(b -> b.bucket(bucket)
                .acl(BucketCannedACL.PUBLIC_READ)));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE)); // the owner's own: allowed
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertS3Error(400, "AccessControlListNotSupported", () -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ)));
        s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));

        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.OBJECT_WRITER);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertThat(grants(s3.getBucketAcl(b -> b.bucket(bucket)).grants(), ALL_USERS, Permission.READ)).isTrue();
        // Back to enforced only once the ACL grants no one else.
        assertS3Error(400, "InvalidBucketAclWithObjectOwnership", () -> s3.putBucketOwnershipControls(b -> b.bucket(bucket)
                .ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));

        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.AUTHENTICATED_READ)); // no controls: ObjectWriter
        assertS3Error(404, "NoSuchBucket", () -> s3.getBucketAcl(b -> b.bucket(bucket + "-absent")));
    }

    /**
     * An object the other account wrote while the bucket honoured ACLs is the bucket owner's once
     * the bucket enforces ownership: its ACL reads as the bucket owner's full control and the
     * bucket owner may set its private ACL (S3 User Guide, Object Ownership troubleshooting:
     * "Requests to read ACLs always return a response that shows full control for the bucket owner").
     */
    @Test
    void switchingToBucketOwnerEnforcedGivesTheBucketOwnerWhatOthersWroteBefore() {
        String bucket = accounts.writerBucket(s3, "acl-switched",
                b -> b.grantWrite("id=\"" + other.get("canonicalUserId").asText() + "\""));
        try (S3Client theirs = accounts.client(other)) {
            theirs.putObject(b -> b.bucket(bucket).key("theirs"), RequestBody.fromString("written by the other account"));
        }
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("theirs")).owner().id())
                .isEqualTo(other.get("canonicalUserId").asText());
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(
                ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        var acl = s3.getObjectAcl(b -> b.bucket(bucket).key("theirs"));
        assertThat(acl.owner().id()).isEqualTo(ownerId());
        assertThat(acl.grants()).singleElement().satisfies(g -> {
            assertThat(g.grantee().id()).isEqualTo(ownerId());
            assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
        });
        s3.putObjectAcl(b -> b.bucket(bucket).key("theirs").acl(ObjectCannedACL.PRIVATE));
    }

    @Test
    void createBucketTakesObjectOwnershipAndACannedAcl() {
        String bucket = server.uniqueBucketName("acl-create");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER).acl(BucketCannedACL.PUBLIC_READ));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.OBJECT_WRITER);
        assertThat(grants(s3.getBucketAcl(b -> b.bucket(bucket)).grants(), ALL_USERS, Permission.READ)).isTrue();

        String refused = server.uniqueBucketName("acl-create-refused");
        assertS3Error(400, "InvalidBucketAclWithObjectOwnership", () -> s3.createBucket(b -> b.bucket(refused)
                .acl(BucketCannedACL.PUBLIC_READ)));
        assertS3Error(404, "NoSuchBucket", () -> s3.headBucket(b -> b.bucket(refused)));
    }

    @Test
    void anObjectVersionsAclIsItsOwnAndGrantsNameAccountsByCanonicalId() {
        String bucket = server.createVersionedBucket("acl-versions");
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two"));
        s3.putObjectAcl(b -> b.bucket(bucket).key("k").versionId(v1).acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(grants(s3.getObjectAcl(b -> b.bucket(bucket).key("k").versionId(v1)).grants(), ALL_USERS,
                Permission.READ)).isTrue();
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants()).singleElement()
                .satisfies(g -> assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL));

        String otherCanonical = other.get("canonicalUserId").asText();
        s3.putObjectAcl(b -> b.bucket(bucket).key("k").grantRead("id=\"" + otherCanonical + "\"")
                .grantFullControl("id=\"" + ownerId() + "\""));
        var acl = s3.getObjectAcl(b -> b.bucket(bucket).key("k"));
        assertThat(acl.grants()).anySatisfy(g -> {
            assertThat(g.grantee().id()).isEqualTo(otherCanonical);
            assertThat(g.grantee().displayName()).isEqualTo("acl-other");
            assertThat(g.permission()).isEqualTo(Permission.READ);
        });

        // The same as a body: the owner named, a grant by id.
        AccessControlPolicy policy = AccessControlPolicy.builder().owner(o -> o.id(ownerId()))
                .grants(Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(otherCanonical).build())
                        .permission(Permission.WRITE_ACP).build()).build();
        s3.putObjectAcl(b -> b.bucket(bucket).key("k").accessControlPolicy(policy));
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants()).singleElement()
                .satisfies(g -> assertThat(g.permission()).isEqualTo(Permission.WRITE_ACP));

        assertS3Error(400, "UnresolvableGrantByEmailAddress", () -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .grantRead("emailAddress=\"someone@example.com\"")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .grantRead("id=\"" + "0".repeat(64) + "\"")));
        AccessControlPolicy notTheOwner = policy.toBuilder().owner(o -> o.id(otherCanonical)).build();
        assertS3Error(403, "AccessDenied", () -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .accessControlPolicy(notTheOwner)));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAcl(b -> b.bucket(bucket).key("absent")));
    }

    @Test
    void aMalformedAclBodyIsMalformedAclError() {
        String bucket = server.createBucket("acl-malformed");
        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        byte[] noOwner = ("<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>").getBytes(StandardCharsets.UTF_8);
        var response = server.raw().signed("PUT", "/" + bucket + "?acl", java.util.Map.of(), noOwner);
        dev.coffer.compat.support.S3Assertions.assertXmlError(response, 400, "MalformedACLError");
    }
}
