package dev.coffer.api.iam;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One IAM query API call: its Action, its parameters (form body and query, decoded once) and who
 * signed it. Reads and validates parameters as IAM documents them.
 */
record IamRequest(String action, Map<String, String> params, Caller caller, String requestId) {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");

    String optional(String name) {
        return params.get(name);
    }

    String required(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IamException(IamError.MissingParameter,
                    "The request must contain the parameter " + name);
        }
        return v;
    }

    /** A user, role or policy name: {@code [\w+=,.@-]+}, 1 to {@code max} characters. */
    String name(String parameter, int max) {
        return name(parameter, required(parameter), max);
    }

    String optionalName(String parameter, int max) {
        String v = optional(parameter);
        return v == null ? null : name(parameter, v, max);
    }

    private static String name(String parameter, String v, int max) {
        String member = Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
        if (v.isEmpty() || v.length() > max) {
            throw IamException.validation(v, member, "Member must have length between 1 and " + max);
        }
        if (!NAME.matcher(v).matches()) {
            throw IamException.validation(v, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return v;
    }

    /** Path: "/" (the default) or "/…/" of printable ASCII, at most 512 characters. */
    String path(String parameter) {
        String v = optional(parameter);
        if (v == null) return "/";
        if (v.length() > 512 || !PATH.matcher(v).matches()) {
            throw IamException.validation(v, Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1),
                    "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return v;
    }

    /** MaxItems: 1 to 1000, 100 when absent. */
    int maxItems() {
        String v = optional("MaxItems");
        if (v == null) return 100;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 1000) return n;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw IamException.validation(v, "maxItems", "Member must have value between 1 and 1000");
    }

    /** Refuses parameters IAM has for this action and Coffer does not implement. */
    void refuse(String... prefixes) {
        for (String p : prefixes) {
            for (String k : params.keySet()) {
                if (k.equals(p) || k.startsWith(p + ".")) {
                    throw new IamException(IamError.NotImplemented, "Coffer does not implement " + p + " for " + action + ".");
                }
            }
        }
    }
}
