package dev.coffer.api.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.AuthResult;
import dev.coffer.auth.PayloadMode;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AccessChecksTest {
    private static final String ACCOUNT = "111122223333";
    private static final Map<String, Principal> KEYS = Map.of(
            "ROOTKEY", Principal.root(ACCOUNT, "ROOTKEY"),
            "USERKEY", Principal.user(ACCOUNT, "/", "alice", "AIDAALICE", "USERKEY", List.of()));
    private final AccessChecks checks = new AccessChecks(new Authorizer(), id -> Optional.ofNullable(KEYS.get(id)),
            bucket -> Mono.just(bucket.equals("photos") ? Optional.of(new BucketAccess(ACCOUNT, null, false)) : Optional.empty()));

    private RequestAccess signedWith(String key) {
        return checks.forRequest(new AuthResult(key, new PayloadMode.Unsigned()), RequestContext.EMPTY);
    }

    @Test
    void theRootIsAllowedEverything() {
        RequestAccess root = signedWith("ROOTKEY");
        assertThat(root.principal().kind()).isEqualTo(Principal.Kind.ROOT);
        assertThat(root.allows(new ActionCheck("s3:GetObject", "photos", "a")).block()).isTrue();
        root.require(new ActionCheck("s3:ListAllMyBuckets", null, null)).block();
    }

    @Test
    void aUserWithoutPoliciesIsAccessDenied() {
        RequestAccess user = signedWith("USERKEY");
        assertThat(user.allows(new ActionCheck("s3:GetObject", "photos", "a")).block()).isFalse();
        assertThatThrownBy(() -> user.require(new ActionCheck("s3:GetObject", "photos", "a")).block())
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied);
                    assertThat(e.resource()).isEqualTo("/photos/a");
                });
    }

    @Test
    void aDeniedRequestOnAMissingBucketIsNoSuchBucket() {
        assertThatThrownBy(() -> signedWith("USERKEY").require(new ActionCheck("s3:ListBucket", "nope", null)).block())
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.NoSuchBucket));
    }

    @Test
    void anUnknownKeyIsAccessDeniedAndNoCredentialsIsAnonymous() {
        assertThatThrownBy(() -> signedWith("GONE")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.AccessDenied));
        RequestAccess anonymous = checks.forRequest(null, RequestContext.EMPTY);
        assertThat(anonymous.principal().kind()).isEqualTo(Principal.Kind.ANONYMOUS);
        assertThat(anonymous.signedBy("ROOTKEY").principal().kind()).isEqualTo(Principal.Kind.ROOT);
    }

    @Test
    void refusalsTheClientSeesAreCountedByActionAndQuestionsTheServerAsksItselfAreNot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DenialMetrics denials = new DenialMetrics(registry);
        AccessChecks counted = new AccessChecks(new Authorizer(), id -> Optional.ofNullable(KEYS.get(id)),
                bucket -> Mono.just(Optional.of(new BucketAccess(ACCOUNT, null, false))), denials);
        RequestAccess user = counted.forRequest(new AuthResult("USERKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY);
        assertThatThrownBy(() -> user.require(new ActionCheck("s3:GetObject", "photos", "a")).block())
                .isInstanceOf(S3Exception.class);
        assertThat(user.allows(new ActionCheck("s3:DeleteObject", "photos", "a")).block()).isFalse();
        assertThat(user.wouldAllow(new ActionCheck("s3:ListBucket", "photos", null)).block()).isFalse();
        counted.forRequest(new AuthResult("ROOTKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY)
                .require(new ActionCheck("s3:GetObject", "photos", "a")).block();

        assertThat(registry.get("coffer.authorization.denials").tag("action", "s3:GetObject")
                .tag("decision", "implicit").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("coffer.authorization.denials").tag("action", "s3:DeleteObject").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.find("coffer.authorization.denials").tag("action", "s3:ListBucket").counter()).isNull();
    }

    @Test
    void existingObjectTagsAreReadOnlyWhenAPolicyNamesThemAndDecideByTheObjectsTags() {
        String tagged = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::photos/*\",\"Condition\":"
                + "{\"StringEquals\":{\"s3:ExistingObjectTag/class\":\"public\"}}}]}";
        String plain = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::photos/*\"}]}";
        Map<String, Principal> keys = Map.of(
                "TAGKEY", Principal.user(ACCOUNT, "/", "tess", "AIDATESS", "TAGKEY", List.of(tagged)),
                "PLAINKEY", Principal.user(ACCOUNT, "/", "pat", "AIDAPAT", "PLAINKEY", List.of(plain)));
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        AccessChecks withTags = new AccessChecks(new Authorizer(), id -> Optional.ofNullable(keys.get(id)),
                bucket -> Mono.just(Optional.of(new BucketAccess(ACCOUNT, null, false))))
                .withObjectTags((bucket, key, versionId) -> {
                    lookups.incrementAndGet();
                    return Mono.just(key.equals("pub") ? Map.of("class", "public") : Map.of("class", "secret"));
                });
        RequestAccess tess = withTags.forRequest(new AuthResult("TAGKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY);
        assertThat(tess.allows(new ActionCheck("s3:GetObject", "photos", "pub")).block()).isTrue();
        assertThat(tess.allows(new ActionCheck("s3:GetObject", "photos", "priv")).block()).isFalse();
        assertThat(lookups.get()).isEqualTo(2);
        // PutObject has no s3:ExistingObjectTag (S3 User Guide): the key is absent, the condition fails.
        assertThat(tess.allows(new ActionCheck("s3:PutObject", "photos", "pub")).block()).isFalse();
        assertThat(lookups.get()).isEqualTo(2);
        RequestAccess pat = withTags.forRequest(new AuthResult("PLAINKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY);
        assertThat(pat.allows(new ActionCheck("s3:GetObject", "photos", "priv")).block()).isTrue();
        assertThat(lookups.get()).as("no policy names the key: no lookup").isEqualTo(2);
    }

    @Test
    void anObjectAnotherAccountOwnsIsJudgedWithThatAccountAsItsOwnerWhereAclsAreHonoured() {
        String other = "444455556666";
        Map<String, Principal> keys = Map.of("OWNERKEY", Principal.accountRoot(ACCOUNT, "OWNERKEY"),
                "OTHERKEY", Principal.accountRoot(other, "OTHERKEY"));
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        ResourceAcls acls = new ResourceAcls() {
            public Mono<String> grant(Principal principal, ActionCheck check, RequestContext context) {
                return Mono.empty();
            }

            public Mono<String> objectOwner(ActionCheck check, RequestContext context, String bucketOwner) {
                lookups.incrementAndGet();
                return check.key().equals("theirs") ? Mono.just(other) : Mono.empty();
            }
        };
        AccessChecks owned = new AccessChecks(new Authorizer(), id -> Optional.ofNullable(keys.get(id)),
                bucket -> Mono.just(Optional.of(new BucketAccess(ACCOUNT, null, false, !bucket.equals("enforced")))))
                .withAcls(acls);
        RequestAccess owner = owned.forRequest(new AuthResult("OWNERKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY);
        RequestAccess writer = owned.forRequest(new AuthResult("OTHERKEY", new PayloadMode.Unsigned()), RequestContext.EMPTY);
        assertThat(owner.allows(new ActionCheck("s3:GetObject", "photos", "theirs")).block()).isFalse();
        assertThat(writer.allows(new ActionCheck("s3:GetObject", "photos", "theirs")).block()).isTrue();
        assertThat(owner.allows(new ActionCheck("s3:GetObject", "photos", "mine")).block()).isTrue();
        assertThat(writer.allows(new ActionCheck("s3:GetObject", "photos", "mine")).block()).isFalse();
        assertThat(lookups.get()).isEqualTo(4);
        // Where the bucket owner owns every object (BucketOwnerEnforced) nothing is looked up.
        assertThat(owner.allows(new ActionCheck("s3:GetObject", "enforced", "theirs")).block()).isTrue();
        // The object a write is about to make is judged with its owner-to-be, not the stored one's.
        assertThat(owner.allows(new ActionCheck("s3:PutObjectAcl", "photos", "theirs", ACCOUNT)).block()).isTrue();
        assertThat(writer.allows(new ActionCheck("s3:PutObjectAcl", "photos", "mine", other)).block()).isTrue();
        assertThat(lookups.get()).isEqualTo(4);
    }
}
