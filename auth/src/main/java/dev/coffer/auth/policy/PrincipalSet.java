package dev.coffer.auth.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The principals a resource policy's Principal (or NotPrincipal) names: everyone ({@code "*"}),
 * AWS accounts (by id or root ARN), IAM users and roles by ARN, canonical users, services.
 */
final class PrincipalSet {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):root");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws:(iam|sts)::\\d{12}:(user|role|assumed-role|federated-user)/[^*?]+");

    /** How a principal is named by the set. */
    enum Match {
        NONE,
        /** by {@code "*"}: everyone, anonymous included */
        ANY,
        /** by its own ARN (a root named by its account counts here) */
        EXACT,
        /** a user, by the account it belongs to: delegated to the account, not granted to the user */
        ACCOUNT
    }

    private boolean any;
    private final Set<String> accounts = new LinkedHashSet<>();
    private final Set<String> arns = new LinkedHashSet<>();
    private final Set<String> others = new LinkedHashSet<>();

    /** The Principal element: "*" or an object of "AWS" / "CanonicalUser" / "Service" / "Federated" to strings. */
    static PrincipalSet parse(Object element) {
        PrincipalSet set = new PrincipalSet();
        if ("*".equals(element)) {
            set.any = true;
            return set;
        }
        if (!(element instanceof java.util.Map<?, ?> map) || map.isEmpty()) throw invalid();
        for (var entry : map.entrySet()) {
            String type = (String) entry.getKey();
            for (String value : strings(entry.getValue())) {
                switch (type) {
                    case "AWS" -> set.addAws(value);
                    case "CanonicalUser", "Service", "Federated" -> set.others.add(type + ":" + value);
                    default -> throw invalid();
                }
            }
        }
        return set;
    }

    private void addAws(String value) {
        if (value.equals("*")) {
            any = true;
            return;
        }
        var root = ROOT_ARN.matcher(value);
        if (ACCOUNT.matcher(value).matches()) accounts.add(value);
        else if (root.matches()) accounts.add(root.group(1));
        else if (IAM_ARN.matcher(value).matches()) arns.add(value);
        else throw invalid();
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) return List.of(s);
        if (value instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) if (!(o instanceof String)) throw invalid();
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return strings;
        }
        throw invalid();
    }

    private static MalformedPolicyException invalid() {
        return new MalformedPolicyException("Invalid principal in policy");
    }

    Match match(Principal principal) {
        if (any) return Match.ANY;
        if (principal.kind() == Principal.Kind.ANONYMOUS) return Match.NONE;
        if (arns.contains(principal.arn())) return Match.EXACT;
        if (accounts.contains(principal.accountId())) return principal.isRoot() ? Match.EXACT : Match.ACCOUNT;
        return Match.NONE;
    }

    /** Whether {@code "*"} is among the principals (S3's first test of a public policy). */
    boolean isEveryone() {
        return any;
    }

    Set<String> accounts() {
        return accounts;
    }
}
