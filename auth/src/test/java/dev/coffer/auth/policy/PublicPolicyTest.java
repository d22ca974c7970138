package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** S3's meaning of a public bucket policy (PublicAccessBlockConfiguration, "The meaning of public"). */
class PublicPolicyTest {

    private static boolean isPublic(String principal, String condition) {
        return PolicyDocument.parseBucketPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":" + principal + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""
                + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}", "b").isPublic();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "\"*\"||true",
            "{\"AWS\":\"*\"}||true",
            "{\"AWS\":\"111122223333\"}||false",
            "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}||false",
            "\"*\"|{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}|false",
            "\"*\"|{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}|true",
            "\"*\"|{\"NotIpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}|true",
            "\"*\"|{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}|false",
            "\"*\"|{\"StringLike\":{\"aws:SourceAccount\":\"1111*\"}}|true",
            "\"*\"|{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/alice\"}}|false",
            "\"*\"|{\"StringEquals\":{\"s3:prefix\":\"public/\"}}|true",
            "\"*\"|{\"Bool\":{\"aws:SecureTransport\":\"true\"}}|true",
    })
    void anAllowToEveryoneIsPublicUnlessAFixedValueBindsIt(String principal, String condition, boolean expected) {
        assertEquals(expected, isPublic(principal, condition == null ? "" : condition));
    }

    @Test
    void aDenyToEveryoneIsNotPublic() {
        assertEquals(false, PolicyDocument.parseBucketPolicy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":"arn:aws:s3:::b/*"}]}""", "b").isPublic());
    }

    @Test
    void restrictPublicBucketsLeavesAPublicPolicyToTheOwnersAccount() {
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::b/*"}]}""";
        Authorizer authorizer = new Authorizer();
        Principal owner = Principal.user("111122223333", "/", "alice", "AIDA", "K", List.of());
        Principal other = Principal.user("444455556666", "/", "bob", "AIDB", "K", List.of(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        for (boolean restrict : new boolean[] {false, true}) {
            assertEquals(restrict ? Decision.Outcome.IMPLICIT_DENY : Decision.Outcome.ALLOW, authorizer.authorize(
                    Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/x", RequestContext.EMPTY, policy,
                    "111122223333", restrict).outcome());
            assertEquals(restrict ? Decision.Outcome.IMPLICIT_DENY : Decision.Outcome.ALLOW, authorizer.authorize(
                    other, "s3:GetObject", "arn:aws:s3:::b/x", RequestContext.EMPTY, policy, "111122223333", restrict)
                    .outcome());
            assertEquals(Decision.Outcome.ALLOW, authorizer.authorize(owner, "s3:GetObject", "arn:aws:s3:::b/x",
                    RequestContext.EMPTY, policy, "111122223333", restrict).outcome());
        }
    }
}
