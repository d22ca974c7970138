package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.iam.Caller;
import dev.coffer.api.iam.Identities;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.xml.Owner;
import dev.coffer.api.acl.Acl;
import dev.coffer.api.service.AclService;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.IamSnapshot;
import dev.coffer.metadata.UploadRecord;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The owner of buckets and objects: the caller's account, never its key (rotating keys changes
 * nothing). Stored as the account id; shown as S3 shows an owner, its canonical user id and display
 * name.
 */
public final class Owners {
    private static final String USER_ARN = "arn:aws:iam::";

    private final Identities identities;
    private final AclService acls;

    public Owners(Identities identities, AclService acls) {
        this.identities = identities;
        this.acls = acls;
    }

    /** The owner to store: the caller's account id. */
    public String id(S3Call call) {
        return caller(call).account().id();
    }

    /**
     * Who initiates an upload, as stored on it: the caller's account id for an account's root, the
     * user's ARN for an IAM user (S3 shows a user's ARN as the Initiator).
     */
    public String initiator(S3Call call) {
        Caller caller = caller(call);
        return caller.isRoot() ? caller.account().id() : caller.user().arn();
    }

    /** How S3 shows an upload's Initiator: a user's ARN and name, or the account as {@link #ofAccount}. */
    public Owner ofInitiator(String id) {
        int user = id.indexOf(":user/");
        if (!id.startsWith(USER_ARN) || user < 0) return ofAccount(id);
        String account = id.substring(USER_ARN.length(), user);
        String name = id.substring(id.lastIndexOf('/') + 1);
        return identities.iam().snapshot().user(account, name).filter(u -> u.arn().equals(id))
                .map(u -> new Owner(u.arn(), u.name())).orElseGet(() -> new Owner(id, name));
    }

    public Owner of(S3Call call) {
        Caller caller = caller(call);
        return new Owner(caller.account().canonicalId(), caller.account().displayName());
    }

    /** How S3 shows the account {@code id} (an account id, or the canonical id stored before accounts). */
    public Owner ofAccount(String id) {
        IamSnapshot s = identities.iam().snapshot();
        return s.account(id).or(() -> s.accounts().stream().filter(a -> a.canonicalId().equals(id)).findFirst())
                .map(a -> new Owner(a.canonicalId(), a.displayName())).orElseGet(() -> new Owner(id, null));
    }

    /**
     * The owner S3 shows for each version of {@code bucket}, by the version's attributes: the account its ACL names (an object
     * another account wrote under ObjectWriter), else the bucket's owner; under BucketOwnerEnforced
     * always the bucket's owner, whoever wrote it while ACLs were honoured. NoSuchBucket when absent.
     */
    public Mono<Function<Map<String, byte[]>, Owner>> ofObjectsIn(String bucket) {
        return byAcl(bucket);
    }

    /**
     * The Owner S3 shows for each multipart upload of {@code bucket} (ListMultipartUploads,
     * ListParts): the owner of the object it will make, as {@link #ofObjectsIn}. Its Initiator is
     * {@link #ofInitiator} of the upload's owner field, which holds {@link #initiator}.
     */
    public Mono<Function<UploadRecord, Owner>> ofUploadsIn(String bucket) {
        return byAcl(bucket).map(owner -> upload -> owner.apply(upload.attributes()));
    }

    private Mono<Function<Map<String, byte[]>, Owner>> byAcl(String bucket) {
        return acls.bucket(bucket).map(b -> {
            Owner bucketOwner = ofAccount(b.owner());
            if (!b.effectiveOwnership().aclsEnabled()) return attributes -> bucketOwner;
            return attributes -> {
                byte[] acl = attributes.get(AclService.ACL);
                return acl == null ? bucketOwner : ofAccount(Acl.decode(acl).owner());
            };
        });
    }

    /** Whether the caller's account owns the bucket. */
    public boolean owns(S3Call call, BucketRecord bucket) {
        return caller(call).account().owns(bucket);
    }

    private Caller caller(S3Call call) {
        return identities.caller(call.auth().accessKeyId())
                .orElseThrow(() -> S3Exception.of(S3ErrorCode.AccessDenied, call.s3().resource()));
    }

    /** The canonical id Coffer showed for the root key before accounts existed (the first account keeps it). */
    public static String canonicalId(String accessKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("coffer:" + accessKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
