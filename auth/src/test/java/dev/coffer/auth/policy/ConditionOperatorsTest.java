package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The condition operators as the IAM User Guide's "Condition operators" and "Multivalued context
 * keys" describe them: one row per case, the request's values ("-" for an absent key, "|" between
 * several values) against one condition.
 */
class ConditionOperatorsTest {

    private static boolean holds(String operator, String policyValues, String requestValues) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"test:key\":" + policyValues + "}}}]}";
        PolicyDocument doc = PolicyDocument.parseIdentity(json);
        RequestContext.Builder context = RequestContext.builder().put("aws:username", "alice");
        if (!requestValues.equals("-")) context.put("test:key", List.of(requestValues.split("\\|", -1)));
        return doc.statements().get(0).matches("s3:GetObject", "x", context.build(), doc.hasVariables());
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
            "StringEquals; \"abc\"; abc; true",
            "StringEquals; \"abc\"; ABC; false",
            "StringEquals; [\"a\",\"b\"]; b; true",
            "StringEquals; \"abc\"; -; false",
            "StringNotEquals; \"abc\"; -; true",
            "StringNotEquals; [\"a\",\"b\"]; c; true",
            "StringNotEquals; [\"a\",\"b\"]; a; false",
            "StringEqualsIgnoreCase; \"abc\"; AbC; true",
            "StringNotEqualsIgnoreCase; \"abc\"; AbC; false",
            "StringLike; \"home/*\"; home/x/y; true",
            "StringLike; \"home/?\"; home/xy; false",
            "StringLike; \"home/${aws:username}/*\"; home/alice/a; true",
            "StringLike; \"home/${aws:username}/*\"; home/bob/a; false",
            "StringLike; \"${test:missing, 'dflt'}\"; dflt; true",
            "StringNotLike; \"*.exe\"; a.txt; true",
            "StringEqualsIfExists; \"abc\"; -; true",
            "StringEqualsIfExists; \"abc\"; abd; false",
            "NumericLessThan; 10; 9; true",
            "NumericLessThan; 10; 10; false",
            "NumericLessThanEquals; \"10\"; 10; true",
            "NumericGreaterThan; 1.5; 1.51; true",
            "NumericGreaterThanEquals; 2; 1; false",
            "NumericEquals; 10; 10.0; true",
            "NumericNotEquals; 10; 11; true",
            "NumericEquals; 10; ten; false",
            "DateLessThan; \"2030-01-01T00:00:00Z\"; 2029-12-31T23:59:59Z; true",
            "DateGreaterThan; \"2020-01-01\"; 2020-01-01T00:00:01Z; true",
            "DateEquals; \"2020-01-01T00:00:00Z\"; 1577836800; true",
            "DateNotEquals; \"2020-01-01T00:00:00Z\"; 2020-01-02T00:00:00Z; true",
            "DateLessThanEquals; \"2020-01-01T00:00:00+01:00\"; 2019-12-31T23:00:00Z; true",
            "DateGreaterThanEquals; 1577836800; 2019-12-31T23:00:00Z; false",
            "Bool; \"true\"; true; true",
            "Bool; false; true; false",
            "Bool; \"false\"; FALSE; true",
            "IpAddress; \"203.0.113.0/24\"; 203.0.113.9; true",
            "IpAddress; \"203.0.113.0/24\"; 203.0.114.9; false",
            "IpAddress; \"203.0.113.7\"; 203.0.113.7; true",
            "IpAddress; \"2001:DB8:1234:5678::/64\"; 2001:db8:1234:5678:ffff::1; true",
            "IpAddress; \"203.0.113.0/24\"; not-an-ip; false",
            "NotIpAddress; \"203.0.113.0/24\"; 198.51.100.1; true",
            "NotIpAddress; \"203.0.113.0/24\"; -; true",
            "ArnLike; \"arn:aws:iam::*:user/team-*\"; arn:aws:iam::111122223333:user/team-a; true",
            "ArnLike; \"arn:aws:iam::*:user/team-*\"; arn:aws:iam::111122223333:role/team-a; false",
            "ArnEquals; \"arn:aws:iam::111122223333:root\"; arn:aws:iam::111122223333:root; true",
            "ArnNotEquals; \"arn:aws:iam::111122223333:root\"; arn:aws:iam::444455556666:root; true",
            "ArnNotLike; \"arn:aws:s3:::b/*\"; arn:aws:s3:::b/x; false",
            "ArnLike; \"arn:aws:s3:::*\"; not-an-arn; false",
            "Null; \"true\"; -; true",
            "Null; \"true\"; x; false",
            "Null; \"false\"; x; true",
            "Null; \"false\"; -; false",
            "BinaryEquals; \"QmluYXJ5\"; QmluYXJ5; true",
            // Multivalued keys (IAM User Guide, "Set operators for multivalued context keys").
            "ForAnyValue:StringEquals; [\"a\",\"b\"]; x|b; true",
            "ForAnyValue:StringEquals; [\"a\",\"b\"]; x|y; false",
            "ForAnyValue:StringEquals; [\"a\"]; -; false",
            "ForAllValues:StringEquals; [\"a\",\"b\"]; a|b; true",
            "ForAllValues:StringEquals; [\"a\",\"b\"]; a|c; false",
            "ForAllValues:StringEquals; [\"a\"]; -; true",
            "ForAllValues:StringNotEquals; [\"a\",\"b\"]; c|d; true",
            "ForAllValues:StringNotEquals; [\"a\",\"b\"]; c|a; false",
            "ForAnyValue:StringNotLike; [\"a*\"]; ab|cd; true",
            "ForAnyValue:StringLikeIfExists; [\"a*\"]; -; false",
    })
    void theOperatorDecidesAsIamDoes(String operator, String policyValues, String requestValues, boolean expected) {
        assertEquals(expected, holds(operator.trim(), policyValues.trim(), requestValues.trim()));
    }
}
