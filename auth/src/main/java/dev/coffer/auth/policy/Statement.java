package dev.coffer.auth.policy;

import java.util.List;

/**
 * One statement of a policy document. {@code principals} is null in identity policies (the
 * statement is about whoever holds the policy).
 */
record Statement(String sid, boolean allow, PrincipalSet principals, boolean notPrincipal,
                 List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                 List<Condition> conditions) {

    Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** How the statement names the principal (always EXACT in identity policies). */
    PrincipalSet.Match principalMatch(Principal principal) {
        if (principals == null) return PrincipalSet.Match.EXACT;
        PrincipalSet.Match m = principals.match(principal);
        if (!notPrincipal) return m;
        // NotPrincipal: an account named there excludes its root, not its users (IAM User Guide, NotPrincipal).
        return m == PrincipalSet.Match.ANY || m == PrincipalSet.Match.EXACT ? PrincipalSet.Match.NONE
                : PrincipalSet.Match.EXACT;
    }

    /** Action, Resource and Condition all match (the principal is asked apart). */
    boolean matches(String action, String resource, RequestContext context, boolean variables) {
        return matchesAction(action) && matchesResource(resource, context, variables) && conditionsHold(context, variables);
    }

    boolean matchesAction(String action) {
        boolean any = false;
        for (String a : actions) {
            if (Glob.of(a).matches(action, true)) {
                any = true;
                break;
            }
        }
        return any != notAction;
    }

    private boolean matchesResource(String resource, RequestContext context, boolean variables) {
        boolean any = false;
        for (String r : resources) {
            Glob pattern = PolicyVariables.pattern(r, variables, context);
            if (pattern != null && pattern.matches(resource, false)) {
                any = true;
                break;
            }
        }
        return any != notResource;
    }

    private boolean conditionsHold(RequestContext context, boolean variables) {
        for (Condition c : conditions) {
            if (!c.holds(context, variables)) return false;
        }
        return true;
    }

    String name(int index) {
        return sid != null && !sid.isEmpty() ? "'" + sid + "'" : "#" + (index + 1);
    }
}
