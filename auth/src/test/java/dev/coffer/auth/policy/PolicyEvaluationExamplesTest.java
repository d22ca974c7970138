package dev.coffer.auth.policy;

import static dev.coffer.auth.policy.Decision.Outcome.ALLOW;
import static dev.coffer.auth.policy.Decision.Outcome.EXPLICIT_DENY;
import static dev.coffer.auth.policy.Decision.Outcome.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of AWS's policy evaluation documentation (IAM User Guide: "Policy evaluation
 * logic", "Policy evaluation for requests within a single account", "Cross-account policy
 * evaluation logic"; S3 User Guide: bucket policy examples and "How Amazon S3 authorizes a
 * request"), each as the Authorizer must decide it.
 */
class PolicyEvaluationExamplesTest {
    private static final String ACCOUNT_A = "111122223333";
    private static final String ACCOUNT_B = "444455556666";
    private final Authorizer authorizer = new Authorizer();

    private static Principal user(String account, String name, String... policies) {
        return Principal.user(account, "/", name, "AIDA" + name.toUpperCase(), "AKIA" + name.toUpperCase(), List.of(policies));
    }

    private Decision.Outcome decide(Principal p, String action, String resource, String bucketPolicy, String owner) {
        return decide(p, action, resource, RequestContext.EMPTY, bucketPolicy, owner);
    }

    private Decision.Outcome decide(Principal p, String action, String resource, RequestContext context,
                                    String bucketPolicy, String owner) {
        return authorizer.authorize(p, action, resource, context, bucketPolicy, owner).outcome();
    }

    // IAM User Guide, "Policy evaluation for requests within a single account": Carlos's identity
    // policy lets him list, gives him his own bucket, and denies every bucket with "log" in its
    // name; the logs bucket's policy allows him to write — the explicit deny wins.
    private static final String CARLOS_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "AllowS3ListRead", "Effect": "Allow",
               "Action": ["s3:GetBucketLocation", "s3:GetAccountPublicAccessBlock", "s3:ListAccessPoints", "s3:ListAllMyBuckets"],
               "Resource": "arn:aws:s3:::*"},
              {"Sid": "AllowS3Self", "Effect": "Allow", "Action": "s3:*",
               "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]},
              {"Sid": "DenyS3Logs", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*log*"}
            ]}""";
    private static final String LOGS_BUCKET_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "AllowCarlosWrite", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::111122223333:user/carlossalazar"},
               "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/*"}
            ]}""";

    @Test
    void carlosCannotWriteToTheLogsBucketTheExplicitDenyWins() {
        Principal carlos = user(ACCOUNT_A, "carlossalazar", CARLOS_POLICY);
        assertEquals(EXPLICIT_DENY, decide(carlos, "s3:PutObject",
                "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/file.txt", LOGS_BUCKET_POLICY, ACCOUNT_A));
    }

    @Test
    void carlosHasHisOwnBucketAndListsTheOthers() {
        Principal carlos = user(ACCOUNT_A, "carlossalazar", CARLOS_POLICY);
        assertEquals(ALLOW, decide(carlos, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/notes.txt",
                null, ACCOUNT_A));
        assertEquals(ALLOW, decide(carlos, "s3:ListAllMyBuckets", "arn:aws:s3:::*", null, null));
        assertEquals(IMPLICIT_DENY, decide(carlos, "s3:GetObject", "arn:aws:s3:::someone-else/a", null, ACCOUNT_A));
    }

    // "If either the identity-based policy or the resource-based policy within the same account
    // allows the request and the other doesn't, the request is still allowed."
    @Test
    void withinAnAccountEitherSideSuffices() {
        String bucketPolicy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}]}""";
        assertEquals(ALLOW, decide(user(ACCOUNT_A, "bob"), "s3:GetObject", "arn:aws:s3:::shared/a", bucketPolicy, ACCOUNT_A));
        String identity = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::shared/*"}]}""";
        assertEquals(ALLOW, decide(user(ACCOUNT_A, "eve", identity), "s3:GetObject", "arn:aws:s3:::shared/a", null, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(user(ACCOUNT_A, "mallory"), "s3:GetObject", "arn:aws:s3:::shared/a",
                bucketPolicy, ACCOUNT_A));
    }

    // IAM User Guide, "Cross-account policy evaluation logic": the trusted account's identity
    // policy and the trusting account's resource policy must both allow.
    @Test
    void acrossAccountsBothSidesMustAllow() {
        String bucketPolicy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                 "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b-bucket/*"}]}""";
        String identity = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::b-bucket/*"}]}""";
        Principal alice = user(ACCOUNT_A, "alice", identity);
        assertEquals(ALLOW, decide(alice, "s3:GetObject", "arn:aws:s3:::b-bucket/x", bucketPolicy, ACCOUNT_B));
        // The bucket allows PutObject to account A, but alice's own policy does not.
        assertEquals(IMPLICIT_DENY, decide(alice, "s3:PutObject", "arn:aws:s3:::b-bucket/x", bucketPolicy, ACCOUNT_B));
        // Her own policy allows GetObject, but a bucket of B without a policy does not.
        assertEquals(IMPLICIT_DENY, decide(alice, "s3:GetObject", "arn:aws:s3:::b-bucket/x", null, ACCOUNT_B));
        // Account A's root: its identity side allows everything; B's policy names A.
        assertEquals(ALLOW, decide(Principal.accountRoot(ACCOUNT_A, "K"), "s3:PutObject", "arn:aws:s3:::b-bucket/x",
                bucketPolicy, ACCOUNT_B));
        assertEquals(IMPLICIT_DENY, decide(Principal.accountRoot(ACCOUNT_B, "K"), "s3:PutObject",
                "arn:aws:s3:::a-bucket/x", null, ACCOUNT_A));
    }

    // A bucket policy naming the account (not the user) delegates to the account: within the
    // account, its users still need an identity policy.
    @Test
    void anAccountPrincipalDelegatesToTheAccountNotToItsUsers() {
        String bucketPolicy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::mine/*"}]}""";
        assertEquals(IMPLICIT_DENY, decide(user(ACCOUNT_A, "bob"), "s3:GetObject", "arn:aws:s3:::mine/a", bucketPolicy,
                ACCOUNT_A));
        assertEquals(ALLOW, decide(Principal.accountRoot(ACCOUNT_A, "K"), "s3:GetObject", "arn:aws:s3:::mine/a",
                bucketPolicy, ACCOUNT_A));
    }

    // S3 User Guide, "Granting read-only permission to a public anonymous user".
    private static final String PUBLIC_READ = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
             "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]}]}""";

    @Test
    void aPublicReadPolicyLetsAnonymousReadAndNothingElse() {
        Principal anonymous = Principal.anonymous();
        assertEquals(ALLOW, decide(anonymous, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/index.html",
                PUBLIC_READ, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(anonymous, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/index.html",
                PUBLIC_READ, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(anonymous, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
                PUBLIC_READ, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(anonymous, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/index.html",
                null, ACCOUNT_A));
        // "*" names every principal: a user of another account reads too (its identity side is
        // still asked: here it has nothing, so it is denied).
        assertEquals(IMPLICIT_DENY, decide(user(ACCOUNT_B, "z"), "s3:GetObject",
                "arn:aws:s3:::amzn-s3-demo-bucket/index.html", PUBLIC_READ, ACCOUNT_A));
    }

    // S3 User Guide, "Managing access based on HTTP or HTTPS requests": deny unless TLS; an
    // explicit Deny in a bucket policy binds the owner's root too, except for the policy
    // operations (S3 API Reference, PutBucketPolicy: "the root principal ... can always use").
    private static final String DENY_INSECURE = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "RestrictToTLSRequestsOnly", "Effect": "Deny",
             "Principal": "*", "Action": "s3:*",
             "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""";

    @Test
    void denyUnlessTlsBindsTheRootButNotForThePolicyOperations() {
        RequestContext plain = RequestContext.builder().put("aws:SecureTransport", "false").build();
        RequestContext tls = RequestContext.builder().put("aws:SecureTransport", "true").build();
        Principal root = Principal.root(ACCOUNT_A, "K");
        assertEquals(EXPLICIT_DENY, decide(root, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", plain,
                DENY_INSECURE, ACCOUNT_A));
        assertEquals(ALLOW, decide(root, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", tls,
                DENY_INSECURE, ACCOUNT_A));
        for (String action : List.of("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy")) {
            assertEquals(ALLOW, decide(root, action, "arn:aws:s3:::amzn-s3-demo-bucket", plain, DENY_INSECURE, ACCOUNT_A));
        }
        String allowAll = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";
        assertEquals(EXPLICIT_DENY, decide(user(ACCOUNT_A, "admin", allowAll), "s3:PutBucketPolicy",
                "arn:aws:s3:::amzn-s3-demo-bucket", plain, DENY_INSECURE, ACCOUNT_A));
    }

    // IAM User Guide, "IAM policy elements: Variables and tags": a home folder per user.
    private static final String HOME_FOLDER = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ListYourFolder", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
               "Condition": {"StringLike": {"s3:prefix": ["${aws:username}/*"]}}},
              {"Sid": "UseYourFolder", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
               "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"}
            ]}""";

    @Test
    void policyVariablesGiveEachUserTheirOwnFolder() {
        Principal david = user(ACCOUNT_A, "David", HOME_FOLDER);
        assertEquals(ALLOW, decide(david, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/David/cv.pdf", null, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(david, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/Mary/cv.pdf", null,
                ACCOUNT_A));
        RequestContext own = RequestContext.builder().put("s3:prefix", "David/").build();
        RequestContext other = RequestContext.builder().put("s3:prefix", "Mary/").build();
        assertEquals(ALLOW, decide(david, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", own, null, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(david, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", other, null,
                ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(david, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", RequestContext.EMPTY,
                null, ACCOUNT_A));
    }

    @Test
    void variablesAreTextInA2008Policy() {
        String old = HOME_FOLDER.replace("2012-10-17", "2008-10-17");
        Principal david = user(ACCOUNT_A, "David", old);
        assertEquals(IMPLICIT_DENY, decide(david, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/David/cv.pdf", null,
                ACCOUNT_A));
        assertEquals(ALLOW, decide(david, "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/cv.pdf", null,
                ACCOUNT_A));
    }

    // S3 User Guide, "Managing access based on specific IP addresses".
    @Test
    void anIpConditionRestrictsAPublicGrant() {
        String policy = """
                {"Version": "2012-10-17", "Id": "S3PolicyId1", "Statement": [{"Sid": "IPAllow", "Effect": "Deny",
                 "Principal": "*", "Action": "s3:*",
                 "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
                 "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "2001:DB8:1234:5678::/64"]}}}]}""";
        Principal root = Principal.root(ACCOUNT_A, "K");
        RequestContext inside = RequestContext.builder().put("aws:SourceIp", "192.0.2.77").build();
        RequestContext inside6 = RequestContext.builder().put("aws:SourceIp", "2001:db8:1234:5678::9").build();
        RequestContext outside = RequestContext.builder().put("aws:SourceIp", "198.51.100.1").build();
        assertEquals(ALLOW, decide(root, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", inside, policy, ACCOUNT_A));
        assertEquals(ALLOW, decide(root, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", inside6, policy, ACCOUNT_A));
        assertEquals(EXPLICIT_DENY, decide(root, "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", outside, policy,
                ACCOUNT_A));
    }

    // IAM User Guide, NotAction with Deny: "deny everything except IAM" style; and NotResource.
    @Test
    void notActionAndNotResourceInvertTheirMatch() {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Effect": "Deny", "NotAction": ["s3:Get*", "s3:List*"], "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::open", "arn:aws:s3:::open/*"]}
                ]}""";
        Principal reader = user(ACCOUNT_A, "reader", policy);
        assertEquals(ALLOW, decide(reader, "s3:GetObject", "arn:aws:s3:::open/a", null, ACCOUNT_A));
        assertEquals(EXPLICIT_DENY, decide(reader, "s3:PutObject", "arn:aws:s3:::open/a", null, ACCOUNT_A));
        assertEquals(EXPLICIT_DENY, decide(reader, "s3:GetObject", "arn:aws:s3:::closed/a", null, ACCOUNT_A));
    }

    // Condition keys the Authorizer derives from the principal.
    @Test
    void principalKeysAreAvailableToConditions() {
        String bucketPolicy = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::b/*",
                 "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/team-*"}}}]}""";
        assertEquals(ALLOW, decide(user(ACCOUNT_A, "team-a"), "s3:GetObject", "arn:aws:s3:::b/x", bucketPolicy, ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(user(ACCOUNT_A, "other"), "s3:GetObject", "arn:aws:s3:::b/x", bucketPolicy,
                ACCOUNT_A));
        assertEquals(IMPLICIT_DENY, decide(Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/x", bucketPolicy,
                ACCOUNT_A));
    }
}
