package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Authorizer against a naive reference evaluator written straight from the IAM User Guide's
 * evaluation rules (regular expressions for wildcards, no caching, no early exits), on random
 * policies, principals and requests from a small universe where collisions are frequent.
 */
class RandomizedEvaluationTest {
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final List<Principal> PRINCIPALS = List.of(
            Principal.root(A, "K"), Principal.accountRoot(A, "K"), Principal.accountRoot(B, "K"),
            Principal.anonymous());
    private static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject"};
    private static final String[] ACTION_PATTERNS = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:*", "s3:Get*",
            "*", "s3:?etObject", "s3:DeleteObject"};
    private static final String[] RESOURCES = {"arn:aws:s3:::b1", "arn:aws:s3:::b1/x", "arn:aws:s3:::b1/alice/y",
            "arn:aws:s3:::b1/bob/y", "arn:aws:s3:::b2/x"};
    private static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b1", "arn:aws:s3:::b*/x",
            "arn:aws:s3:::b1/${aws:username}/*", "arn:aws:s3:::b?/*", "arn:aws:s3:::*"};
    private static final String[] PRINCIPAL_VALUES = {"\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":\"" + A + "\"}",
            "{\"AWS\":\"arn:aws:iam::" + B + ":root\"}", "{\"AWS\":\"arn:aws:iam::" + A + ":user/alice\"}",
            "{\"AWS\":[\"arn:aws:iam::" + B + ":user/bob\",\"" + A + "\"]}"};

    /** One condition of the small grammar the reference knows. */
    record Cond(String operator, String key, List<String> values) {}

    record Stmt(boolean allow, String principal, boolean notPrincipal, List<String> actions, boolean notAction,
                List<String> resources, boolean notResource, List<Cond> conditions) {}

    private static final String[][] CONDITIONS = {
            {"StringEquals", "s3:prefix", "alice/"}, {"StringLike", "s3:prefix", "${aws:username}/*"},
            {"StringNotEquals", "s3:prefix", "bob/"}, {"StringEqualsIfExists", "s3:prefix", "alice/"},
            {"Bool", "aws:SecureTransport", "true"}, {"IpAddress", "aws:SourceIp", "10.0.0.0/8"},
            {"NotIpAddress", "aws:SourceIp", "10.1.0.0/16"}, {"NumericLessThan", "s3:max-keys", "100"},
            {"Null", "s3:prefix", "true"}, {"ForAnyValue:StringEquals", "test:tags", "red"},
            {"ForAllValues:StringEquals", "test:tags", "red"}};

    @Test
    void theAuthorizerAgreesWithTheReferenceOnRandomCases() {
        Random random = new Random(20261202L);
        Authorizer authorizer = new Authorizer();
        int compared = 0;
        for (int round = 0; round < 4000; round++) {
            List<Stmt> identity = statements(random, false);
            List<Stmt> bucket = random.nextInt(4) == 0 ? null : statements(random, true);
            String bucketJson = bucket == null ? null : json(bucket, true);
            if (bucketJson != null && !parses(bucketJson)) continue;
            String identityJson = json(identity, false);
            List<Principal> principals = new ArrayList<>(PRINCIPALS);
            principals.add(Principal.user(A, "/", "alice", "AIDAALICE", "K", List.of(identityJson)));
            principals.add(Principal.user(B, "/", "bob", "AIDABOB", "K", List.of(identityJson)));
            Principal p = principals.get(random.nextInt(principals.size()));
            String action = ACTIONS[random.nextInt(ACTIONS.length)];
            String resource = RESOURCES[random.nextInt(RESOURCES.length)];
            String owner = random.nextBoolean() ? A : B;
            RequestContext context = context(random);
            Decision.Outcome expected = Reference.decide(p, p.kind() == Principal.Kind.USER ? identity : List.of(), bucket,
                    action, resource, context, owner);
            Decision actual = authorizer.authorize(p, action, resource, context, bucketJson, owner);
            assertEquals(expected, actual.outcome(), () -> "principal " + p + " " + action + " " + resource + " owner "
                    + owner + " context " + context + "\nidentity " + identityJson + "\nbucket " + bucketJson
                    + "\nreason " + actual.reason());
            compared++;
        }
        assertEquals(true, compared > 2000, "compared " + compared);
    }

    private static boolean parses(String json) {
        try {
            PolicyDocument.parseBucketPolicy(json, null);
            return true;
        } catch (MalformedPolicyException e) {
            return false;
        }
    }

    private static RequestContext context(Random random) {
        RequestContext.Builder b = RequestContext.builder();
        if (random.nextBoolean()) b.put("s3:prefix", new String[] {"alice/", "bob/", "x"}[random.nextInt(3)]);
        if (random.nextBoolean()) b.put("aws:SecureTransport", random.nextBoolean() ? "true" : "false");
        if (random.nextBoolean()) b.put("aws:SourceIp", new String[] {"10.1.2.3", "10.2.0.1", "192.0.2.1"}[random.nextInt(3)]);
        if (random.nextBoolean()) b.put("s3:max-keys", new String[] {"5", "100", "1000"}[random.nextInt(3)]);
        if (random.nextBoolean()) {
            List<String> tags = new ArrayList<>();
            for (String t : new String[] {"red", "blue"}) if (random.nextBoolean()) tags.add(t);
            b.put("test:tags", tags);
        }
        return b.build();
    }

    private static List<Stmt> statements(Random random, boolean resourcePolicy) {
        List<Stmt> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<Cond> conds = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                String[] c = CONDITIONS[random.nextInt(CONDITIONS.length)];
                conds.add(new Cond(c[0], c[1], List.of(c[2])));
            }
            out.add(new Stmt(random.nextInt(3) != 0,
                    resourcePolicy ? PRINCIPAL_VALUES[random.nextInt(PRINCIPAL_VALUES.length)] : null,
                    resourcePolicy && random.nextInt(8) == 0,
                    pick(random, ACTION_PATTERNS), random.nextInt(8) == 0,
                    pick(random, RESOURCE_PATTERNS), random.nextInt(8) == 0, conds));
        }
        return out;
    }

    private static List<String> pick(Random random, String[] from) {
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) out.add(from[random.nextInt(from.length)]);
        return out;
    }

    private static String json(List<Stmt> statements, boolean resourcePolicy) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements.stream().map(s -> {
            StringBuilder b = new StringBuilder("{\"Effect\":\"" + (s.allow() ? "Allow" : "Deny") + "\"");
            if (resourcePolicy) b.append(",\"").append(s.notPrincipal() ? "NotPrincipal" : "Principal").append("\":")
                    .append(s.principal());
            b.append(",\"").append(s.notAction() ? "NotAction" : "Action").append("\":").append(array(s.actions()));
            b.append(",\"").append(s.notResource() ? "NotResource" : "Resource").append("\":").append(array(s.resources()));
            if (!s.conditions().isEmpty()) {
                b.append(",\"Condition\":{").append(s.conditions().stream().map(c -> "\"" + c.operator() + "\":{\""
                        + c.key() + "\":" + array(c.values()) + "}").collect(Collectors.joining(","))).append("}");
            }
            return b.append("}").toString();
        }).collect(Collectors.joining(",")) + "]}";
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** Straight from the documentation, as slowly and plainly as possible. */
    static final class Reference {
        static Decision.Outcome decide(Principal p, List<Stmt> identity, List<Stmt> bucket, String action, String resource,
                                       RequestContext context, String owner) {
            boolean sameAccount = p.kind() == Principal.Kind.ROOT
                    || p.kind() != Principal.Kind.ANONYMOUS && owner.equals(p.accountId());
            boolean root = p.kind() == Principal.Kind.ROOT || p.kind() == Principal.Kind.ACCOUNT_ROOT;
            List<Stmt> denies = new ArrayList<>();
            boolean identityAllow = root;
            for (Stmt s : identity) {
                if (applies(s, p, action, resource, context)) {
                    if (s.allow()) identityAllow = true;
                    else denies.add(s);
                }
            }
            boolean resourceAllowDirect = false;
            boolean resourceAllowAccount = false;
            if (bucket != null) {
                for (Stmt s : bucket) {
                    String how = principalMatch(s, p);
                    if (how.equals("none") || !applies(s, p, action, resource, context)) continue;
                    if (!s.allow()) denies.add(s);
                    else if (how.equals("account")) resourceAllowAccount = true;
                    else resourceAllowDirect = true;
                }
            }
            if (!denies.isEmpty()) return Decision.Outcome.EXPLICIT_DENY;
            if (p.kind() == Principal.Kind.ANONYMOUS) {
                return resourceAllowDirect ? Decision.Outcome.ALLOW : Decision.Outcome.IMPLICIT_DENY;
            }
            if (sameAccount) {
                if (identityAllow || resourceAllowDirect || root && resourceAllowAccount) return Decision.Outcome.ALLOW;
                return Decision.Outcome.IMPLICIT_DENY;
            }
            return identityAllow && (resourceAllowDirect || resourceAllowAccount) ? Decision.Outcome.ALLOW
                    : Decision.Outcome.IMPLICIT_DENY;
        }

        /** "none", "direct" or "account" (a user named through its account). */
        private static String principalMatch(Stmt s, Principal p) {
            String text = s.principal();
            boolean everyone = text.contains("\"*\"");
            boolean exact = p.arn() != null && text.contains("\"" + p.arn() + "\"");
            boolean account = p.accountId() != null && (text.contains("\"" + p.accountId() + "\"")
                    || text.contains("\"arn:aws:iam::" + p.accountId() + ":root\""));
            String how = everyone || exact || account && p.kind() != Principal.Kind.USER ? "direct"
                    : account ? "account" : "none";
            if (!s.notPrincipal()) return how;
            return how.equals("direct") ? "none" : "direct";
        }

        private static boolean applies(Stmt s, Principal p, String action, String resource, RequestContext context) {
            boolean actionMatch = s.actions().stream().anyMatch(a -> regex(a, null).matcher(action.toLowerCase()).matches()
                    || regex(a.toLowerCase(), null).matcher(action.toLowerCase()).matches());
            if (actionMatch == s.notAction()) return false;
            boolean resourceMatch = s.resources().stream().anyMatch(r -> {
                Pattern re = regex(r, p.userName());
                return re != null && re.matcher(resource).matches();
            });
            if (resourceMatch == s.notResource()) return false;
            return s.conditions().stream().allMatch(c -> holds(c, p, context));
        }

        /** null when the pattern uses ${aws:username} and there is none. */
        private static Pattern regex(String pattern, String userName) {
            if (pattern.contains("${aws:username}")) {
                if (userName == null) return null;
                pattern = pattern.replace("${aws:username}", "\u0000");
            }
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                if (c == '*') re.append(".*");
                else if (c == '?') re.append('.');
                else if (c == '\u0000') re.append(Pattern.quote(userName));
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        }

        private static boolean holds(Cond c, Principal p, RequestContext context) {
            List<String> actual = context.get(c.key());
            boolean absent = actual == null || actual.isEmpty();
            String v = c.values().get(0);
            switch (c.operator()) {
                case "Null": return absent == v.equals("true");
                case "ForAnyValue:StringEquals": return !absent && actual.contains(v);
                case "ForAllValues:StringEquals": return absent || actual.stream().allMatch(v::equals);
                case "StringEqualsIfExists": return absent || actual.get(0).equals(v);
                case "StringNotEquals": return absent || !actual.get(0).equals(v);
                case "NotIpAddress": return absent || !inTen(actual.get(0), v);
                default: break;
            }
            if (absent) return false;
            String a = actual.get(0);
            switch (c.operator()) {
                case "StringEquals": return a.equals(v);
                case "StringLike": {
                    Pattern re = regex(v, p.userName());
                    return re != null && re.matcher(a).matches();
                }
                case "Bool": return a.equalsIgnoreCase(v);
                case "IpAddress": return inTen(a, v);
                case "NumericLessThan": return Long.parseLong(a) < Long.parseLong(v);
                default: throw new IllegalStateException(c.operator());
            }
        }

        /** The two blocks of the universe: 10.0.0.0/8 and 10.1.0.0/16. */
        private static boolean inTen(String ip, String block) {
            return block.equals("10.0.0.0/8") ? ip.startsWith("10.") : ip.startsWith("10.1.");
        }
    }
}
