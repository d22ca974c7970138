package dev.coffer.auth;

import java.util.Locale;
import java.util.Map;

/**
 * One condition of a POST policy on a form field: exact match ({@code {"key": "v"}} or
 * {@code ["eq", "$key", "v"]}) or prefix ({@code ["starts-with", "$key", "p"]}). Field names are
 * compared in any case, values exactly.
 *
 * @param field the lower-case field name, without the {@code $}
 * @param text the condition as the policy wrote it, for the error message
 */
record PostPolicyCondition(boolean prefix, String field, String value, String text) {

    static PostPolicyCondition eq(String field, String value, String text) {
        return new PostPolicyCondition(false, field.toLowerCase(Locale.ROOT), value, text);
    }

    static PostPolicyCondition startsWith(String field, String value, String text) {
        return new PostPolicyCondition(true, field.toLowerCase(Locale.ROOT), value, text);
    }

    /**
     * Whether the form satisfies this condition; a field the form lacks counts as empty.
     *
     * @param fields form fields by lower-case name, with {@code bucket} set to the request's bucket
     */
    boolean holds(Map<String, String> fields) {
        String actual = fields.getOrDefault(field, "");
        if (!prefix) return actual.equals(value);
        if (!field.equals("content-type")) return actual.startsWith(value);
        // S3: a Content-Type listing several types matches when each of them starts with the prefix.
        for (String type : actual.split(",", -1)) {
            if (!type.trim().startsWith(value)) return false;
        }
        return true;
    }
}
