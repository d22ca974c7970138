package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is allowed what by who they are alone (no policy involved). */
class AuthorizerTest {
    private static final String OWNER = "111122223333";
    private static final String OTHER = "444455556666";
    private final Authorizer authorizer = new Authorizer();

    private Decision.Outcome decide(Principal principal, String owner) {
        return authorizer.authorize(principal, "s3:GetObject", "arn:aws:s3:::photos/a", RequestContext.EMPTY, null, owner)
                .outcome();
    }

    @Test
    void theServersRootIsAllowedOnEveryAccountsBucket() {
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.root(OWNER, "K"), OWNER));
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.root(OWNER, "K"), OTHER));
    }

    @Test
    void anAccountRootIsAllowedInItsOwnAccountOnly() {
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.accountRoot(OWNER, "K"), OWNER));
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.accountRoot(OWNER, "K"), null));
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decide(Principal.accountRoot(OTHER, "K"), OWNER));
    }

    @Test
    void aUserWithoutPoliciesAndAnonymousAreImplicitlyDenied() {
        Principal alice = Principal.user(OWNER, "/", "alice", "AIDAALICE", "K", List.of());
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decide(alice, OWNER));
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decide(Principal.anonymous(), OWNER));
    }

    @Test
    void principalArnsAreAwsShaped() {
        assertEquals("arn:aws:iam::111122223333:root", Principal.root(OWNER, "K").arn());
        assertEquals("arn:aws:iam::111122223333:user/division/alice",
                Principal.user(OWNER, "/division/", "alice", "AIDA", "K", List.of()).arn());
    }
}
