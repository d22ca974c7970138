package dev.coffer.api.notify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A target's ARN, {@code arn:coffer:sqs::<id>:<type>} (the form MinIO users know), parsed. */
public record TargetArn(String id, String type) {
    private static final Pattern FORM = Pattern.compile("arn:coffer:sqs::([^:]+):([a-z]+)");

    /** The ARN's parts, or null if it is not of that form. */
    public static TargetArn parse(String arn) {
        if (arn == null) return null;
        Matcher m = FORM.matcher(arn);
        return m.matches() ? new TargetArn(m.group(1), m.group(2)) : null;
    }

    public static String of(String id, String type) {
        return "arn:coffer:sqs::" + id + ":" + type.toLowerCase(Locale.ROOT);
    }
}
