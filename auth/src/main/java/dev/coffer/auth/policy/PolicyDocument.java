package dev.coffer.auth.policy;

import dev.coffer.auth.PolicyJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IAM policy document parsed once into an immutable model (IAM User Guide, "IAM JSON policy
 * elements reference" and "grammar"). Two kinds: identity policies (no Principal) and resource
 * policies (a bucket policy: Principal required, S3 actions and this bucket's resources only).
 * Invalid documents are refused with S3's MalformedPolicy messages.
 */
public final class PolicyDocument {
    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";
    /** S3's limit on a bucket policy. */
    public static final int MAX_BUCKET_POLICY_BYTES = 20 * 1024;

    public enum Kind { IDENTITY, RESOURCE }

    private static final Set<String> TOP_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private final String version;
    private final List<Statement> statements;

    private PolicyDocument(String version, List<Statement> statements) {
        this.version = version;
        this.statements = List.copyOf(statements);
    }

    /** An identity policy (a user's inline or managed policy). */
    public static PolicyDocument parseIdentity(String json) {
        return parse(json, Kind.IDENTITY, null);
    }

    /**
     * A bucket policy as PutBucketPolicy accepts it: every Resource in {@code bucket}.
     *
     * @param bucket the bucket the policy is for; null when reading one already accepted
     */
    public static PolicyDocument parseBucketPolicy(String json, String bucket) {
        if (json != null && json.getBytes(StandardCharsets.UTF_8).length > MAX_BUCKET_POLICY_BYTES) {
            throw new MalformedPolicyException("Policy exceeds the maximum allowed document size.");
        }
        return parse(json, Kind.RESOURCE, bucket);
    }

    static PolicyDocument parse(String json, Kind kind, String bucket) {
        if (json == null || json.isBlank() || json.strip().charAt(0) != '{') {
            throw new MalformedPolicyException("Policies must be valid JSON and the first byte must be '{'");
        }
        Object root;
        try {
            root = PolicyJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new MalformedPolicyException("This policy contains invalid Json");
        }
        Map<String, Object> top = object(root);
        for (String field : top.keySet()) {
            if (!TOP_FIELDS.contains(field)) throw new MalformedPolicyException("Unknown field " + field);
        }
        Object v = top.get("Version");
        String version = v == null ? VERSION_2008 : v instanceof String s ? s : null;
        if (!VERSION_2012.equals(version) && !VERSION_2008.equals(version)) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        if (top.containsKey("Id") && !(top.get("Id") instanceof String)) {
            throw new MalformedPolicyException("Id must be a string");
        }
        Object element = top.get("Statement");
        if (element == null) throw new MalformedPolicyException("Missing required field Statement");
        List<Object> raw = element instanceof List<?> list ? new ArrayList<>(list) : List.of(element);
        if (raw.isEmpty()) throw new MalformedPolicyException("Could not parse the policy: Statement is empty!");
        List<Statement> statements = new ArrayList<>();
        for (Object s : raw) statements.add(statement(object(s), kind, bucket));
        return new PolicyDocument(version, statements);
    }

    public String version() {
        return version;
    }

    /** Whether S3 counts this bucket policy as public ({@link PublicPolicy}). */
    public boolean isPublic() {
        return PublicPolicy.isPublic(this);
    }

    /** Whether ${…} are policy variables (Version 2012-10-17) rather than text. */
    boolean hasVariables() {
        return VERSION_2012.equals(version);
    }

    List<Statement> statements() {
        return statements;
    }

    private static Statement statement(Map<String, Object> s, Kind kind, String bucket) {
        for (String field : s.keySet()) {
            if (!STATEMENT_FIELDS.contains(field)) throw new MalformedPolicyException("Unknown field " + field);
        }
        String sid = null;
        if (s.containsKey("Sid")) {
            if (!(s.get("Sid") instanceof String text)) throw new MalformedPolicyException("Sid must be a string");
            sid = text;
        }
        Object effect = s.get("Effect");
        if (effect == null) throw new MalformedPolicyException("Missing required field Effect");
        if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
            throw new MalformedPolicyException("Invalid effect: " + effect);
        }
        PrincipalSet principals = null;
        boolean notPrincipal = s.containsKey("NotPrincipal");
        if (kind == Kind.IDENTITY) {
            if (s.containsKey("Principal") || notPrincipal) {
                throw new MalformedPolicyException("Policy document should not specify a principal.");
            }
        } else {
            if (s.containsKey("Principal") == notPrincipal) {
                throw new MalformedPolicyException(notPrincipal ? "Invalid principal in policy"
                        : "Missing required field Principal");
            }
            principals = PrincipalSet.parse(s.get(notPrincipal ? "NotPrincipal" : "Principal"));
        }
        boolean notAction = s.containsKey("NotAction");
        if (s.containsKey("Action") == notAction) throw new MalformedPolicyException("Missing required field Action");
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), "Policy has invalid action");
        for (String a : actions) checkAction(a, kind);
        boolean notResource = s.containsKey("NotResource");
        if (s.containsKey("Resource") == notResource) {
            throw new MalformedPolicyException("Missing required field Resource");
        }
        List<String> resources = strings(s.get(notResource ? "NotResource" : "Resource"), "Policy has invalid resource");
        for (String r : resources) checkResource(r, kind, bucket);
        if (kind == Kind.RESOURCE && !notAction && !notResource) checkActionsApply(actions, resources);
        List<Condition> conditions = s.containsKey("Condition") ? conditions(s.get("Condition")) : List.of();
        return new Statement(sid, "Allow".equals(effect), principals, notPrincipal, actions, notAction, resources,
                notResource, conditions);
    }

    private static void checkAction(String action, Kind kind) {
        if (action.equals("*")) return;
        int colon = action.indexOf(':');
        if (colon <= 0 || colon == action.length() - 1 || action.indexOf(':', colon + 1) >= 0) {
            throw new MalformedPolicyException("Policy has invalid action");
        }
        if (kind == Kind.RESOURCE) {
            boolean wild = action.indexOf('*') >= 0 || action.indexOf('?') >= 0;
            if (wild ? !S3Actions.anyMatches(action) : S3Actions.typeOf(action) == null) {
                throw new MalformedPolicyException("Policy has invalid action");
            }
        }
    }

    private static void checkResource(String resource, Kind kind, String bucket) {
        if (resource.equals("*")) return;
        if (!resource.startsWith("arn:") || resource.split(":", 6).length != 6) {
            throw new MalformedPolicyException("Policy has invalid resource");
        }
        if (kind == Kind.RESOURCE && bucket != null) {
            String prefix = "arn:aws:s3:::";
            if (!resource.startsWith(prefix)) throw new MalformedPolicyException("Policy has invalid resource");
            String rest = resource.substring(prefix.length());
            int slash = rest.indexOf('/');
            String bucketPart = slash < 0 ? rest : rest.substring(0, slash);
            if (!Glob.of(bucketPart).matches(bucket, false)) {
                throw new MalformedPolicyException("Policy has invalid resource");
            }
        }
    }

    /** S3 refuses a statement in which some action has no resource of its type. */
    private static void checkActionsApply(List<String> actions, List<String> resources) {
        for (String a : actions) {
            S3Actions.Type type = S3Actions.typeOf(a);
            if (type == null || type == S3Actions.Type.NONE) continue;
            boolean applies = false;
            for (String r : resources) {
                boolean object = r.equals("*") || r.indexOf('/') >= 0 || r.endsWith("*");
                boolean bucketArn = r.equals("*") || r.indexOf('/') < 0;
                if (type == S3Actions.Type.OBJECT ? object : bucketArn) applies = true;
            }
            if (!applies) throw new MalformedPolicyException("Action does not apply to any resource(s) in statement");
        }
    }

    private static List<Condition> conditions(Object element) {
        List<Condition> out = new ArrayList<>();
        if (!(element instanceof Map<?, ?> block)) throw new MalformedPolicyException("Invalid Condition block");
        for (var entry : block.entrySet()) {
            String name = (String) entry.getKey();
            Condition.Qualifier qualifier = Condition.Qualifier.NONE;
            String opName = name;
            if (opName.startsWith("ForAnyValue:")) {
                qualifier = Condition.Qualifier.FOR_ANY_VALUE;
                opName = opName.substring("ForAnyValue:".length());
            } else if (opName.startsWith("ForAllValues:")) {
                qualifier = Condition.Qualifier.FOR_ALL_VALUES;
                opName = opName.substring("ForAllValues:".length());
            }
            boolean ifExists = opName.endsWith("IfExists") && !opName.equals("IfExists");
            if (ifExists) opName = opName.substring(0, opName.length() - "IfExists".length());
            ConditionOperator op = ConditionOperator.named(opName);
            if (op == null || ifExists && op == ConditionOperator.NULL) {
                throw new MalformedPolicyException("Invalid Condition type : " + name);
            }
            if (!(entry.getValue() instanceof Map<?, ?> keys) || keys.isEmpty()) {
                throw new MalformedPolicyException("Invalid Condition block");
            }
            for (var k : keys.entrySet()) {
                String key = (String) k.getKey();
                if (key.indexOf(':') <= 0) throw new MalformedPolicyException("Policy has an invalid condition key");
                List<String> values = scalars(k.getValue());
                for (String v : values) {
                    if (!v.contains("${") && !op.acceptsPolicyValue(v)) {
                        throw new MalformedPolicyException("Invalid Condition value for " + name + ": " + v);
                    }
                }
                out.add(new Condition(op, qualifier, ifExists, key, values));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedPolicyException("Policies must be valid JSON and the first byte must be '{'");
        }
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value, String invalid) {
        if (value instanceof String s) return List.of(s);
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) throw new MalformedPolicyException(invalid);
                out.add(s);
            }
            return out;
        }
        throw new MalformedPolicyException(invalid);
    }

    /** Condition values: strings, numbers and booleans (as their JSON text), one or a list. */
    private static List<String> scalars(Object value) {
        List<Object> raw = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value == null ? "" : value);
        if (raw.isEmpty()) throw new MalformedPolicyException("Invalid Condition block");
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            if (o instanceof String || o instanceof Number || o instanceof Boolean) out.add(String.valueOf(o));
            else throw new MalformedPolicyException("Invalid Condition block");
        }
        return out;
    }
}
