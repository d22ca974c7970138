package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An ACL grant is the resource side's Allow: as a bucket policy's, never past a Deny, never alone across accounts. */
class AuthorizerAclGrantTest {
    private static final String OWNER = "111122223333";
    private static final String OTHER = "444455556666";
    private static final String DENY_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::photos/*"}]}""";
    private static final String ALLOW_GET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private final Authorizer authorizer = new Authorizer();

    private Decision.Outcome decide(Principal principal, String bucketPolicy, String aclGrant) {
        return authorizer.authorize(principal, "s3:GetObject", "arn:aws:s3:::photos/a", RequestContext.EMPTY,
                bucketPolicy, OWNER, false, aclGrant).outcome();
    }

    @Test
    void anAclGrantAllowsAnonymousAndTheOwnersAccount() {
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.anonymous(), null, "AllUsers READ"));
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decide(Principal.anonymous(), null, null));
        Principal alice = Principal.user(OWNER, "/", "alice", "AIDAALICE", "K", List.of());
        assertEquals(Decision.Outcome.ALLOW, decide(alice, null, "AllUsers READ"));
    }

    @Test
    void acrossAccountsTheIdentitySideMustAllowToo() {
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.accountRoot(OTHER, "K"), null, "444455556666 READ"));
        Principal bob = Principal.user(OTHER, "/", "bob", "AIDABOB", "K", List.of());
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decide(bob, null, "444455556666 READ"));
        Principal allowedBob = Principal.user(OTHER, "/", "bob", "AIDABOB", "K", List.of(ALLOW_GET));
        assertEquals(Decision.Outcome.ALLOW, decide(allowedBob, null, "444455556666 READ"));
    }

    @Test
    void anExplicitDenyWinsOverAnAclGrant() {
        assertEquals(Decision.Outcome.EXPLICIT_DENY, decide(Principal.anonymous(), DENY_ALL, "AllUsers READ"));
        assertEquals(Decision.Outcome.EXPLICIT_DENY, decide(Principal.accountRoot(OTHER, "K"), DENY_ALL, "444455556666 READ"));
    }

    private static final String ALLOW_ANYONE_GET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::photos/*"}]}""";

    /** GetObject of an object OTHER wrote into OWNER's bucket (ObjectWriter). */
    private Decision.Outcome decideForeign(Principal principal, String bucketPolicy, String aclGrant) {
        return authorizer.authorize(principal, "s3:GetObject", "arn:aws:s3:::photos/a", RequestContext.EMPTY,
                bucketPolicy, OWNER, false, aclGrant, OTHER).outcome();
    }

    @Test
    void theBucketOwnerNeedsTheObjectOwnersGrantOnAnObjectAnotherAccountOwns() {
        Principal ownerRoot = Principal.accountRoot(OWNER, "K");
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decideForeign(ownerRoot, null, null));
        assertEquals(Decision.Outcome.ALLOW, decideForeign(ownerRoot, null, "111122223333 READ"));
        Principal alice = Principal.user(OWNER, "/", "alice", "AIDAALICE", "K", List.of(ALLOW_GET));
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decideForeign(alice, null, null));
        assertEquals(Decision.Outcome.ALLOW, decideForeign(alice, null, "111122223333 READ"));
        Principal bareAlice = Principal.user(OWNER, "/", "alice", "AIDAALICE", "K", List.of());
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decideForeign(bareAlice, null, "111122223333 READ"));
        // The same object owned by the bucket owner: its root needs nothing more.
        assertEquals(Decision.Outcome.ALLOW, authorizer.authorize(ownerRoot, "s3:GetObject", "arn:aws:s3:::photos/a",
                RequestContext.EMPTY, null, OWNER, false, null, OWNER).outcome());
    }

    @Test
    void theBucketPolicyCanDenyButNotAllowOnAnObjectAnotherAccountOwns() {
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decideForeign(Principal.anonymous(), ALLOW_ANYONE_GET, null));
        assertEquals(Decision.Outcome.ALLOW, decide(Principal.anonymous(), ALLOW_ANYONE_GET, null));
        assertEquals(Decision.Outcome.EXPLICIT_DENY, decideForeign(Principal.accountRoot(OTHER, "K"), DENY_ALL, null));
        assertEquals(Decision.Outcome.ALLOW, decideForeign(Principal.accountRoot(OTHER, "K"), null, null));
    }

    @Test
    void theObjectOwnersUsersNeedOnlyTheirIdentityPolicy() {
        Principal bob = Principal.user(OTHER, "/", "bob", "AIDABOB", "K", List.of());
        assertEquals(Decision.Outcome.IMPLICIT_DENY, decideForeign(bob, null, null));
        Principal allowedBob = Principal.user(OTHER, "/", "bob", "AIDABOB", "K", List.of(ALLOW_GET));
        assertEquals(Decision.Outcome.ALLOW, decideForeign(allowedBob, null, null));
    }
}
