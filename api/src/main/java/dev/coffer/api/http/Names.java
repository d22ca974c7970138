package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** S3's rules for bucket names and object keys. */
public final class Names {
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    /** S3's limit on a key: 1,024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    private Names() {}

    /** General purpose bucket naming rules; InvalidBucketName otherwise. */
    public static void checkBucket(String name) {
        if (!validBucket(name)) {
            throw S3Exception.of(S3ErrorCode.InvalidBucketName).with("BucketName", String.valueOf(name));
        }
    }

    /**
     * 3–63 characters of {@code [a-z0-9.-]}, a letter or digit at each end, no {@code ..}, {@code .-}
     * or {@code -.}, not an IPv4 address, no reserved prefix or suffix. One pass over the characters
     * (the regular expressions and streams this replaced were a visible share of a small GET).
     */
    static boolean validBucket(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) return false;
        boolean onlyDigitsAndDots = true;
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && c != '.' && c != '-') return false;
            if (!alnum && (i == 0 || i == name.length() - 1)) return false;
            if ((c == '.' || c == '-') && (previous == '.' || previous == '-') && !(c == '-' && previous == '-')) {
                return false; // "..", ".-" and "-." (a double hyphen is allowed)
            }
            if (c != '.' && (c < '0' || c > '9')) onlyDigitsAndDots = false;
            previous = c;
        }
        if (onlyDigitsAndDots && IP_ADDRESS.matcher(name).matches()) return false;
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) return false;
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) return false;
        }
        return true;
    }

    /** KeyTooLongError past 1,024 UTF-8 bytes. */
    public static void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Exception.of(S3ErrorCode.KeyTooLongError)
                    .with("Size", Integer.toString(key.getBytes(StandardCharsets.UTF_8).length))
                    .with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
    }
}
