package dev.coffer.auth.policy;

import java.util.List;

/**
 * One test of a Condition block: {@code "ForAnyValue:StringLikeIfExists": {"s3:prefix": ["a/*"]}}
 * is the operator StringLike with qualifier ANY, ifExists, key s3:prefix and one value. All the
 * conditions of a statement must hold; within one, the values are alternatives.
 */
record Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values) {

    /** The set operators for multivalued keys. */
    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    Condition {
        values = List.copyOf(values);
    }

    /** IAM's rules for absent keys, negated operators, IfExists and the set operators. */
    boolean holds(RequestContext context, boolean variables) {
        List<String> actual = context.get(key);
        boolean absent = actual == null || actual.isEmpty();
        if (operator == ConditionOperator.NULL) {
            for (String v : values) {
                if (v.equalsIgnoreCase("true") == absent) return true;
            }
            return false;
        }
        switch (qualifier) {
            case FOR_ALL_VALUES:
                if (absent) return true;
                for (String a : actual) {
                    if (!holdsFor(a, context, variables)) return false;
                }
                return true;
            case FOR_ANY_VALUE:
                if (absent) return false;
                for (String a : actual) {
                    if (holdsFor(a, context, variables)) return true;
                }
                return false;
            default:
                if (absent) return ifExists || operator.negated;
                boolean any = false;
                for (String a : actual) any |= matchesAnyValue(a, context, variables);
                return operator.negated != any;
        }
    }

    /** The operator (negation included) for one request value. */
    private boolean holdsFor(String actual, RequestContext context, boolean variables) {
        return operator.negated != matchesAnyValue(actual, context, variables);
    }

    private boolean matchesAnyValue(String actual, RequestContext context, boolean variables) {
        for (String v : values) {
            Glob pattern = PolicyVariables.pattern(v, variables, context);
            if (pattern != null && operator.test(actual, pattern, pattern.toString())) return true;
        }
        return false;
    }
}
