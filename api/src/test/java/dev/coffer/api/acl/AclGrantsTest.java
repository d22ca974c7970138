package dev.coffer.api.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.auth.policy.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who an ACL's grants reach (AclGrants.match), as S3 maps them. */
class AclGrantsTest {
    static final String OWNER = "111122223333";
    static final String OTHER = "444455556666";
    static final PublicAccessBlock NONE = PublicAccessBlock.NONE;
    static final PublicAccessBlock IGNORE = new PublicAccessBlock(false, true, false, false);

    static final Principal ANONYMOUS = Principal.anonymous();
    static final Principal OTHER_ROOT = Principal.accountRoot(OTHER, "AKIAOTHER");
    static final Principal OTHER_USER = Principal.user(OTHER, "/", "bob", "AIDABOB", "AKIABOB", List.of());
    static final Principal OWNER_USER = Principal.user(OWNER, "/", "alice", "AIDAALICE", "AKIAALICE", List.of());

    @Test
    void allUsersReachesAnonymousAndEveryoneElse() {
        Acl acl = CannedAcl.PUBLIC_READ.toAcl(OWNER, OWNER);
        assertThat(AclGrants.match(acl, ANONYMOUS, OWNER, Permission.READ, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_USER, OWNER, Permission.READ, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, ANONYMOUS, OWNER, Permission.WRITE, NONE)).isNull();
        assertThat(AclGrants.match(acl, ANONYMOUS, OWNER, Permission.READ, IGNORE)).isNull();
    }

    @Test
    void authenticatedUsersReachesEverySignedRequestButNoAnonymousOne() {
        Acl acl = CannedAcl.AUTHENTICATED_READ.toAcl(OWNER, OWNER);
        assertThat(AclGrants.match(acl, ANONYMOUS, OWNER, Permission.READ, NONE)).isNull();
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ, IGNORE)).isNull();
    }

    @Test
    void anAccountGrantReachesThatAccountFromOutsideButNotTheOwnersOwnUsers() {
        Acl acl = new Acl(OWNER, List.of(new Acl.Grant(Grantee.account(OTHER), Permission.READ),
                new Acl.Grant(Grantee.account(OWNER), Permission.FULL_CONTROL)));
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_USER, OWNER, Permission.READ, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ_ACP, NONE)).isNull();
        // The bucket owner's users need their identity policies, as with a bucket policy naming the account.
        assertThat(AclGrants.match(acl, OWNER_USER, OWNER, Permission.READ, NONE)).isNull();
    }

    @Test
    void theOwnerOfAnObjectAlwaysReadsAndWritesItsAcl() {
        Acl acl = new Acl(OTHER, List.of());
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ_ACP, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.WRITE_ACP, NONE)).isNotNull();
        assertThat(AclGrants.match(acl, OTHER_ROOT, OWNER, Permission.READ, NONE)).isNull();
    }
}
