package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** S3's rules for bucket names and object keys. */
public final class Names {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    /** S3's limit on a key: 1,024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    private Names() {}

    /** General purpose bucket naming rules; InvalidBucketName otherwise. */
    public static void checkBucket(String name) {
        boolean valid = name != null
                && BUCKET.matcher(name).matches()
                && !name.contains("..")
                && !name.contains(".-")
                && !name.contains("-.")
                && !IP_ADDRESS.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
        if (!valid) throw S3Exception.of(S3ErrorCode.InvalidBucketName).with("BucketName", String.valueOf(name));
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
