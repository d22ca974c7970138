package dev.coffer.auth.policy;

import java.util.Locale;
import java.util.Set;

/**
 * S3's meaning of a public bucket policy (S3 User Guide, "The meaning of public";
 * PublicAccessBlockConfiguration): a policy is public unless every Allow statement grants to
 * fixed principals only — named accounts, users, roles, services — or is tied to fixed values of
 * one of the keys S3 lists (aws:SourceIp CIDRs, aws:SourceArn, aws:SourceVpc, aws:SourceVpce,
 * aws:SourceOwner, aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid
 * outside "AROLEID:*", and the principal keys aws:PrincipalAccount, aws:PrincipalArn,
 * aws:PrincipalOrgID). A value is fixed when it has no wildcard and the operator is an equality
 * (StringEquals, ArnEquals, IpAddress, … — not a negation, not a Like with a wildcard).
 */
final class PublicPolicy {
    private static final Set<String> FIXING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id",
            "aws:userid", "aws:principalaccount", "aws:principalarn", "aws:principalorgid");

    private PublicPolicy() {}

    static boolean isPublic(PolicyDocument policy) {
        for (Statement s : policy.statements()) {
            if (!s.allow() || s.principals() == null) continue;
            boolean open = s.notPrincipal() || s.principals().isEveryone();
            if (open && !fixedByCondition(s)) return true;
        }
        return false;
    }

    private static boolean fixedByCondition(Statement s) {
        for (Condition c : s.conditions()) {
            String key = c.key().toLowerCase(Locale.ROOT);
            if (!FIXING_KEYS.contains(key) || c.operator().negated || c.ifExists()
                    || c.qualifier() == Condition.Qualifier.FOR_ALL_VALUES) {
                continue;
            }
            if (c.operator().family == ConditionOperator.Family.IP) {
                if (c.values().stream().allMatch(PublicPolicy::narrowBlock)) return true;
                continue;
            }
            boolean equality = switch (c.operator().family) {
                case STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN -> true;
                default -> false;
            };
            if (!equality) continue;
            boolean fixed = c.values().stream().noneMatch(v -> v.contains("*") || v.contains("?") || v.contains("${"));
            if (key.equals("aws:userid") && c.values().stream().anyMatch(v -> v.startsWith("AROLEID:"))) fixed = false;
            if (fixed) return true;
        }
        return false;
    }

    /** A CIDR that is not everything (S3 treats 0.0.0.0/0 and ::/0 as no restriction). */
    private static boolean narrowBlock(String value) {
        IpRange range = IpRange.parse(value);
        return range != null && range.prefix() > 0;
    }
}
