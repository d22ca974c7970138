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
}
