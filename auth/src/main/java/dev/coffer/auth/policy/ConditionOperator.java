package dev.coffer.auth.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The IAM condition operators (IAM User Guide, "Condition operators"), each with its positive
 * test of one request value against one policy value; the negated ones ({@code StringNotEquals},
 * {@code NotIpAddress}, …) are their positive twin's test, inverted by {@link Condition}.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC_EQ, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC_EQ, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC_LT, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC_LE, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC_GT, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC_GE, false),
    DATE_EQUALS("DateEquals", Family.DATE_EQ, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE_EQ, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE_LT, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE_LE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE_GT, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE_GE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.STRING, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
        DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE, BOOL, IP, ARN, NULL }

    final String policyName;
    final Family family;
    final boolean negated;

    ConditionOperator(String policyName, Family family, boolean negated) {
        this.policyName = policyName;
        this.family = family;
        this.negated = negated;
    }

    /** The operator named (case-sensitively, as IAM reads it), or null. */
    static ConditionOperator named(String name) {
        for (ConditionOperator op : values()) {
            if (op.policyName.equals(name)) return op;
        }
        return null;
    }

    /** Whether a policy value (variables already replaced) is of this operator's type. */
    boolean acceptsPolicyValue(String value) {
        return switch (family) {
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> number(value) != null;
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> date(value) != null;
            case BOOL, NULL -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            case IP -> IpRange.parse(value) != null;
            default -> true;
        };
    }

    /**
     * The positive test: does the request's value match the policy's? A request value of the
     * wrong type matches nothing.
     *
     * @param pattern the policy value as a pattern (variables replaced), for the Like and Arn operators
     * @param text the policy value as text (variables replaced), for the others
     */
    boolean test(String actual, Glob pattern, String text) {
        switch (family) {
            case STRING: return actual.equals(text);
            case STRING_IGNORE_CASE: return actual.equalsIgnoreCase(text);
            case STRING_LIKE: return pattern.matches(actual, false);
            case BOOL: return actual.equalsIgnoreCase(text);
            case IP: {
                IpRange range = IpRange.parse(text);
                return range != null && range.contains(actual);
            }
            case ARN: return arnLike(actual, text);
            case NULL: return false;
            default: break;
        }
        if (family.name().startsWith("NUMERIC")) {
            BigDecimal a = number(actual);
            BigDecimal p = number(text);
            return a != null && p != null && compares(a.compareTo(p));
        }
        Instant a = date(actual);
        Instant p = date(text);
        return a != null && p != null && compares(a.compareTo(p));
    }

    private boolean compares(int c) {
        return switch (family) {
            case NUMERIC_EQ, DATE_EQ -> c == 0;
            case NUMERIC_LT, DATE_LT -> c < 0;
            case NUMERIC_LE, DATE_LE -> c <= 0;
            case NUMERIC_GT, DATE_GT -> c > 0;
            case NUMERIC_GE, DATE_GE -> c >= 0;
            default -> false;
        };
    }

    /** Each of the six colon-separated parts matched on its own, wildcards allowed (ArnEquals too, as in IAM). */
    private static boolean arnLike(String actual, String policy) {
        String[] a = actual.split(":", 6);
        String[] p = policy.split(":", 6);
        if (a.length != 6 || p.length != 6) return false;
        for (int i = 0; i < 6; i++) {
            if (!Glob.of(p[i]).matches(a[i], false)) return false;
        }
        return true;
    }

    static BigDecimal number(String text) {
        String t = text.trim();
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?")) return null;
        return new BigDecimal(t);
    }

    /** ISO 8601 (a date, or a date and time with Z or an offset) or epoch seconds. */
    static Instant date(String text) {
        String t = text.trim();
        if (t.matches("-?\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(t));
        try {
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
