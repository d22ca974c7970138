package dev.coffer.api.acl;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.handler.SmallBodies;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.AclService;
import dev.coffer.api.xml.OwnershipControls;
import dev.coffer.api.xml.S3Xml;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The ACL and Object Ownership operations. Who may call them is the Authorizer's (s3:GetBucketAcl,
 * s3:PutObjectAcl… through the bucket owner's policies or an ACL's READ_ACP / WRITE_ACP); the
 * handlers keep the documents and apply S3's rules: a bucket that enforces ownership takes no ACL
 * but its owner's private one (AccessControlListNotSupported), Block Public Access's
 * BlockPublicAcls refuses a public one (AccessDenied), an ACL names the resource's owner.
 */
public final class AclHandlers {
    private AclHandlers() {}

    /** @param publicAccess the Block Public Access settings in force for a bucket (NoSuchBucket when absent) */
    public static List<S3Handler> all(AclService acls, AccountDirectory accounts, S3Xml xml, SmallBodies bodies,
                                      Function<String, Mono<PublicAccessBlock>> publicAccess) {
        return List.of(new GetBucketAcl(acls, accounts), new PutBucketAcl(acls, accounts, bodies, publicAccess),
                new GetObjectAcl(acls, accounts), new PutObjectAcl(acls, accounts, bodies, publicAccess),
                new GetOwnershipControls(acls, xml), new PutOwnershipControls(acls, xml, bodies),
                new DeleteOwnershipControls(acls));
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html */
    record GetBucketAcl(AclService acls, AccountDirectory accounts) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_ACL;
        }

        public Mono<Void> handle(S3Call call) {
            return acls.bucket(call.s3().bucket())
                    .flatMap(b -> call.xml(HttpStatus.OK, AclXml.write(b.acl(), accounts)));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html — headers or a body, never both. */
    record PutBucketAcl(AclService acls, AccountDirectory accounts, SmallBodies bodies,
                        Function<String, Mono<PublicAccessBlock>> publicAccess) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_ACL;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return acls.bucket(bucket).zipWith(publicAccess.apply(bucket)).zipWith(bodies.read(call)).flatMap(t -> {
                AclService.BucketAcl b = t.getT1().getT1();
                Acl acl = requested(call, t.getT2().bytes(), accounts, b.owner(), b.owner());
                check(call, acl, b.owner(), b.effectiveOwnership(), t.getT1().getT2());
                return acls.setBucketAcl(bucket, acl);
            }).then(call.empty(HttpStatus.OK));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html — any version by versionId. */
    record GetObjectAcl(AclService acls, AccountDirectory accounts) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_OBJECT_ACL;
        }

        public Mono<Void> handle(S3Call call) {
            return acls.objectAcl(call.s3().bucket(), call.s3().key(), call.s3().param("versionId"), "GET")
                    .flatMap(v -> {
                        if (call.s3().param("versionId") != null) {
                            call.responseHeaders().set("x-amz-version-id", v.version().reportedVersionId());
                        }
                        return call.xml(HttpStatus.OK, AclXml.write(v.acl(), accounts));
                    });
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html — any version by versionId. */
    record PutObjectAcl(AclService acls, AccountDirectory accounts, SmallBodies bodies,
                        Function<String, Mono<PublicAccessBlock>> publicAccess) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_OBJECT_ACL;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            String key = call.s3().key();
            return acls.bucket(bucket).zipWith(publicAccess.apply(bucket)).zipWith(bodies.read(call)).flatMap(t -> {
                AclService.BucketAcl b = t.getT1().getT1();
                return acls.objectAcl(bucket, key, call.s3().param("versionId"), "PUT").flatMap(v -> {
                    Acl acl = requested(call, t.getT2().bytes(), accounts, v.acl().owner(), b.owner());
                    check(call, acl, b.owner(), b.effectiveOwnership(), t.getT1().getT2());
                    return acls.setObjectAcl(bucket, key, v.version(), acl, b.owner());
                });
            }).flatMap(version -> {
                if (call.s3().param("versionId") != null) {
                    call.responseHeaders().set("x-amz-version-id", version.reportedVersionId());
                }
                return call.empty(HttpStatus.OK);
            });
        }
    }

    /** The ACL a Put…Acl request asks for, from its headers or its body (never both); its owner must be {@code owner}. */
    static Acl requested(S3Call call, byte[] body, AccountDirectory accounts, String owner, String bucketOwner) {
        Optional<AclSpec> fromHeaders = AclSpec.fromHeaders(call::header, accounts);
        if (fromHeaders.isPresent()) {
            if (body.length > 0) throw S3Exception.of(S3ErrorCode.UnexpectedContent, call.s3().resource());
            return fromHeaders.get().toAcl(owner, bucketOwner);
        }
        if (body.length == 0) throw S3Exception.of(S3ErrorCode.MissingSecurityHeader, call.s3().resource());
        Acl acl = AclXml.read(body, accounts);
        if (!acl.owner().equals(owner)) throw S3Exception.of(S3ErrorCode.AccessDenied, call.s3().resource());
        return acl;
    }

    /** S3's rules for an ACL about to be set on a bucket or object of a bucket owned by {@code bucketOwner}. */
    static void check(S3Call call, Acl acl, String bucketOwner, ObjectOwnership ownership, PublicAccessBlock bpa) {
        if (!ownership.aclsEnabled() && !enforcedAllows(acl, bucketOwner)) {
            throw S3Exception.of(S3ErrorCode.AccessControlListNotSupported, call.s3().resource());
        }
        if (bpa.blockPublicAcls() && acl.isPublic()) {
            throw S3Exception.of(S3ErrorCode.AccessDenied, call.s3().resource());
        }
    }

    /** Under BucketOwnerEnforced: only the bucket owner's FULL_CONTROL, which both private and bucket-owner-full-control amount to. */
    static boolean enforcedAllows(Acl acl, String bucketOwner) {
        return acl.grants().stream().allMatch(g -> g.grantee().equals(Grantee.account(bucketOwner))
                && g.permission() == Permission.FULL_CONTROL);
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html */
    record GetOwnershipControls(AclService acls, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS;
        }

        public Mono<Void> handle(S3Call call) {
            return acls.bucket(call.s3().bucket()).flatMap(b -> {
                ObjectOwnership o = b.ownership().orElseThrow(() -> S3Exception.of(
                        S3ErrorCode.OwnershipControlsNotFoundError, call.s3().resource()).with("BucketName", call.s3().bucket()));
                return call.xml(HttpStatus.OK, xml.write(new OwnershipControls(List.of(new OwnershipControls.Rule(o.name())))));
            });
        }
    }

    /**
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html — one rule;
     * BucketOwnerEnforced is refused while the bucket's ACL grants anyone but its owner.
     */
    record PutOwnershipControls(AclService acls, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return acls.bucket(bucket).zipWith(bodies.read(call)).flatMap(t -> {
                ObjectOwnership ownership = parse(xml, t.getT2().bytes());
                if (!ownership.aclsEnabled() && !enforcedAllows(t.getT1().acl(), t.getT1().owner())) {
                    throw S3Exception.of(S3ErrorCode.InvalidBucketAclWithObjectOwnership, call.s3().resource());
                }
                return acls.setOwnership(bucket, ownership);
            }).then(call.empty(HttpStatus.OK));
        }
    }

    /** The one rule's setting; MalformedXML for anything else, as S3 answers. */
    static ObjectOwnership parse(S3Xml xml, byte[] body) {
        OwnershipControls controls = xml.read(body, OwnershipControls.class);
        if (controls.rules().size() != 1 || controls.rules().get(0) == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
        String value = controls.rules().get(0).objectOwnership();
        return ObjectOwnership.named(value == null ? "" : value.trim())
                .orElseThrow(() -> S3Exception.of(S3ErrorCode.MalformedXML));
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketOwnershipControls.html — 204; the bucket then behaves as ObjectWriter. */
    record DeleteOwnershipControls(AclService acls) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS;
        }

        public Mono<Void> handle(S3Call call) {
            return acls.bucket(call.s3().bucket())
                    .then(acls.setOwnership(call.s3().bucket(), null))
                    .then(call.empty(HttpStatus.NO_CONTENT));
        }
    }
}
