package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bucket policies S3 accepts, and the MalformedPolicy message it gives for those it refuses. */
class PolicyDocumentTest {
    private static final String BUCKET = "amzn-s3-demo-bucket";

    private static String statement(String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + body + "}]}";
    }

    private static String refused(String json) {
        return assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parseBucketPolicy(json, BUCKET))
                .getMessage();
    }

    @Test
    void theUserGuidesExamplesAreAccepted() {
        assertDoesNotThrow(() -> PolicyDocument.parseBucketPolicy("""
                {"Version":"2012-10-17","Statement":{"Sid":"PublicRead","Effect":"Allow","Principal":{"AWS":"*"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/public/*"}}""", BUCKET));
        assertDoesNotThrow(() -> PolicyDocument.parseBucketPolicy("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],
                 "Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:TlsVersion":1.2}}}]}""", BUCKET));
        assertDoesNotThrow(() -> PolicyDocument.parseBucketPolicy(statement("""
                "Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice","444455556666"]},
                "Action":["s3:List*","s3:GetObjectVersion"],
                "Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],
                "Condition":{"ForAnyValue:StringLikeIfExists":{"s3:prefix":["home/${aws:username}/*"]},
                             "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},
                             "IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Null":{"s3:x-amz-acl":"true"}}"""), BUCKET));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[1,2]|Policies must be valid JSON and the first byte must be '{'",
            "not json|Policies must be valid JSON and the first byte must be '{'",
            "{\"Statement\": |This policy contains invalid Json",
            "{\"Version\":\"2012-10-17\"}|Missing required field Statement",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}|Could not parse the policy: Statement is empty!",
            "{\"Version\":\"2020-01-01\",\"Statement\":[]}|The policy must contain a valid version string",
            "{\"Version\":\"2012-10-17\",\"Statment\":[]}|Unknown field Statment",
    })
    void aDocumentThatIsNotAPolicyIsRefused(String json, String message) {
        assertEquals(message, refused(json));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Missing required field Effect",
            "'\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Invalid effect: Permit",
            "'\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Missing required field Principal",
            "'\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Invalid principal in policy",
            "'\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/*\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Invalid principal in policy",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Missing required field Action",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObjekt\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Policy has invalid action",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Policy has invalid action",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"'|Missing required field Resource",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::another-bucket/*\"'|Policy has invalid resource",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"amzn-s3-demo-bucket/*\"'|Policy has invalid resource",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket\"'|Action does not apply to any resource(s) in statement",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"'|Action does not apply to any resource(s) in statement",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\",\"Condition\":{\"StringEqualz\":{\"s3:prefix\":\"a\"}}'|Invalid Condition type : StringEqualz",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\",\"Condition\":{\"StringEquals\":{\"prefix\":\"a\"}}'|Policy has an invalid condition key",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}'|Invalid Condition value for NumericLessThan: ten",
            "'\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\",\"Colour\":\"red\"'|Unknown field Colour",
    })
    void aStatementS3WouldRefuseIsRefusedWithItsMessage(String body, String message) {
        assertEquals(message, refused(statement(body)));
    }

    @Test
    void aPolicyOver20KiBIsRefused() {
        String big = statement("\"Sid\":\"" + "x".repeat(21000) + "\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\"");
        assertEquals("Policy exceeds the maximum allowed document size.", refused(big));
    }

    @Test
    void anIdentityPolicyNamesNoPrincipalAndMayNameAnyService() {
        assertDoesNotThrow(() -> PolicyDocument.parseIdentity(statement(
                "\"Effect\":\"Allow\",\"Action\":[\"iam:GetUser\",\"s3:*\"],\"Resource\":\"*\"")));
        assertEquals("Policy document should not specify a principal.", assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.parseIdentity(statement(
                        "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\""))).getMessage());
    }
}
