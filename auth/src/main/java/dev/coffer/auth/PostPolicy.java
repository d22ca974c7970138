package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The policy document of a browser POST upload: an expiration and conditions that every form field
 * must meet. Parsed from the form's base64 {@code policy} field.
 *
 * <p>What the policy cannot judge before the file arrives — its length, against
 * {@code content-length-range} — is left to the caller through {@link #contentLengthRange()}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html">Creating
 *     a POST policy</a>
 */
public final class PostPolicy {
    private static final String DENIED = "Invalid according to Policy: ";

    /** The inclusive byte bounds of {@code ["content-length-range", min, max]}. */
    public record LengthRange(long min, long max) {}

    private final Instant expiration;
    private final List<PostPolicyCondition> conditions;
    private final LengthRange lengthRange;

    private PostPolicy(Instant expiration, List<PostPolicyCondition> conditions, LengthRange lengthRange) {
        this.expiration = expiration;
        this.conditions = conditions;
        this.lengthRange = lengthRange;
    }

    /** An anonymous form's: no expiration, no condition, no length range. */
    static PostPolicy none() {
        return new PostPolicy(null, List.of(), null);
    }

    public Optional<LengthRange> contentLengthRange() {
        return Optional.ofNullable(lengthRange);
    }

    /** @throws AuthException INVALID_POLICY_DOCUMENT when it is not base64 JSON of a policy */
    static PostPolicy parse(String base64) throws AuthException {
        Object json;
        try {
            json = PolicyJson.parse(new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid JSON.");
        }
        if (!(json instanceof Map)) throw invalid("Invalid JSON.");
        Map<?, ?> document = (Map<?, ?>) json;
        Object expiration = document.get("expiration");
        if (expiration == null) throw invalid("Policy missing expiration.");
        Object conditions = document.get("conditions");
        if (!(conditions instanceof List)) throw invalid("Policy missing conditions.");
        List<PostPolicyCondition> parsed = new ArrayList<>();
        LengthRange range = null;
        for (Object c : (List<?>) conditions) {
            if (c instanceof Map) {
                parsed.addAll(simple((Map<?, ?>) c));
            } else if (c instanceof List && isLengthRange((List<?>) c)) {
                range = lengthRange((List<?>) c);
            } else if (c instanceof List) {
                parsed.add(operation((List<?>) c));
            } else {
                throw invalid("Invalid Condition: " + c);
            }
        }
        return new PostPolicy(parseExpiration(expiration), List.copyOf(parsed), range);
    }

    /**
     * Checks the expiration and every condition, and that every form field is covered by one.
     *
     * @param fields form fields by lower-case name, as they will be used (key after ${filename})
     * @throws AuthException ACCESS_DENIED "Invalid according to Policy: …" as S3 words it
     */
    void check(Map<String, String> fields, String bucket, Instant now) throws AuthException {
        if (!now.isBefore(expiration)) throw denied("Policy expired.");
        Map<String, String> withBucket = new java.util.HashMap<>(fields);
        withBucket.put("bucket", bucket);
        for (PostPolicyCondition c : conditions) {
            if (!c.holds(withBucket)) throw denied("Policy Condition failed: " + c.text());
        }
        TreeSet<String> extra = new TreeSet<>();
        for (String name : fields.keySet()) {
            if (!exempt(name) && conditions.stream().noneMatch(c -> c.field().equals(name))) extra.add(name);
        }
        if (!extra.isEmpty()) throw denied("Extra input fields: " + String.join(", ", extra));
    }

    /** Fields S3 does not ask the policy to cover: the file, the policy and its signature, x-ignore-*. */
    private static boolean exempt(String name) {
        return name.equals("file") || name.equals("policy") || name.equals("signature")
                || name.equals("x-amz-signature") || name.equals("awsaccesskeyid") || name.startsWith("x-ignore-");
    }

    private static List<PostPolicyCondition> simple(Map<?, ?> condition) throws AuthException {
        List<PostPolicyCondition> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : condition.entrySet()) {
            if (!(e.getValue() instanceof String)) throw invalid("Invalid Simple-Condition: value must be a string.");
            String field = e.getKey().toString();
            out.add(PostPolicyCondition.eq(field, (String) e.getValue(),
                    "[\"eq\", \"$" + field + "\", \"" + e.getValue() + "\"]"));
        }
        return out;
    }

    private static boolean isLengthRange(List<?> c) {
        return !c.isEmpty() && "content-length-range".equalsIgnoreCase(String.valueOf(c.get(0)));
    }

    private static LengthRange lengthRange(List<?> c) throws AuthException {
        if (c.size() != 3) throw invalid("Invalid content-length-range: wrong number of arguments.");
        try {
            long min = Long.parseLong(String.valueOf(c.get(1)).trim());
            long max = Long.parseLong(String.valueOf(c.get(2)).trim());
            if (min < 0 || max < min) throw invalid("Invalid content-length-range: " + min + ", " + max + ".");
            return new LengthRange(min, max);
        } catch (NumberFormatException e) {
            throw invalid("Invalid content-length-range: bounds must be integers.");
        }
    }

    private static PostPolicyCondition operation(List<?> c) throws AuthException {
        if (c.size() != 3 || !(c.get(0) instanceof String) || !(c.get(1) instanceof String)
                || !(c.get(2) instanceof String)) {
            throw invalid("Invalid Condition: wrong number or type of arguments.");
        }
        String op = ((String) c.get(0)).toLowerCase(Locale.ROOT);
        String name = (String) c.get(1);
        String value = (String) c.get(2);
        if (!name.startsWith("$")) throw invalid("Invalid Condition: field name must start with '$': " + name);
        String text = "[\"" + c.get(0) + "\", \"" + name + "\", \"" + value + "\"]";
        if (op.equals("eq")) return PostPolicyCondition.eq(name.substring(1), value, text);
        if (op.equals("starts-with")) return PostPolicyCondition.startsWith(name.substring(1), value, text);
        throw invalid("Invalid Condition: unknown operation '" + c.get(0) + "'.");
    }

    private static Instant parseExpiration(Object value) throws AuthException {
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeException e) {
            throw invalid("Invalid 'expiration' value: '" + value + "'");
        }
    }

    private static AuthException invalid(String why) {
        return new AuthException(AuthError.INVALID_POLICY_DOCUMENT, "Invalid Policy: " + why);
    }

    private static AuthException denied(String why) {
        return new AuthException(AuthError.ACCESS_DENIED, DENIED + why);
    }
}
