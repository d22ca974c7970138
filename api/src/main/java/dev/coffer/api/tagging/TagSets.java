package dev.coffer.api.tagging;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.Tagging;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tag sets as S3 accepts them, from a Tagging document or an x-amz-tagging header, checked against
 * its rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html): at most 10
 * tags on an object and 50 on a bucket (BadRequest); a key of 1 to 128 and a value of 0 to 256
 * Unicode characters, each a letter, number, space or one of {@code + - = . _ : / @} (InvalidTag,
 * naming the tag); no key twice (InvalidTag); no key beginning {@code aws:} (reserved for AWS's
 * own tags). The result keeps the client's order.
 */
public final class TagSets {
    /** AWS's tag pattern for keys and values ({@code ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$}). */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;
    private static final String SYSTEM_PREFIX = "aws:";

    /** Where a tag set goes, with S3's limit there. */
    public enum Scope {
        OBJECT(10, "Object tags cannot be greater than 10"),
        BUCKET(50, "Bucket tag count cannot be greater than 50");

        private final int max;
        private final String tooMany;

        Scope(int max, String tooMany) {
            this.max = max;
            this.tooMany = tooMany;
        }

        public int max() {
            return max;
        }
    }

    private TagSets() {}

    /**
     * A Tagging document's tags. MalformedXML for a document that is not one, has no TagSet, or
     * holds a Tag without its Key or Value.
     */
    public static Map<String, String> fromXml(S3Xml xml, byte[] body, Scope scope) {
        Tagging tagging = xml.read(body, Tagging.class);
        if (tagging.tagSet() == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
        List<Tagging.Tag> tags = tagging.tagSet().tags();
        if (tags.size() > scope.max) throw tooMany(scope);
        for (Tagging.Tag tag : tags) {
            if (tag == null || tag.key() == null || tag.value() == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
        }
        return check(tags, scope);
    }

    /**
     * The tags of an x-amz-tagging header (PutObject, CopyObject, CreateMultipartUpload): URL query
     * form, {@code k1=v1&k2=v2}, {@code +} a space, raw UTF-8 bytes read as UTF-8. A key twice, an
     * empty key or an escape that is not UTF-8 is InvalidArgument, as S3 answers; then the rules
     * of an object's tags. Null or empty: no tags.
     */
    public static Map<String, String> fromHeader(String header) {
        if (header == null || header.isEmpty()) return Map.of();
        List<Tagging.Tag> tags = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : header.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = FormDecoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : FormDecoding.decode(pair.substring(eq + 1));
            if (key == null || value == null || key.isEmpty() || !seen.add(key)) throw invalidHeader(header);
            tags.add(new Tagging.Tag(key, value));
        }
        if (tags.size() > Scope.OBJECT.max) throw tooMany(Scope.OBJECT);
        return check(tags, Scope.OBJECT);
    }

    /** The document GetObjectTagging and GetBucketTagging answer with. */
    public static Tagging toXml(Map<String, String> tags) {
        List<Tagging.Tag> list = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> list.add(new Tagging.Tag(k, v)));
        return new Tagging(new Tagging.TagSet(list));
    }

    /** Each tag's key and value, then duplicates, then reserved keys: the order S3 reports them in. */
    private static Map<String, String> check(List<Tagging.Tag> tags, Scope scope) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tagging.Tag tag : tags) {
            if (!valid(tag.key(), 1, MAX_KEY)) {
                throw S3Exception.of(S3ErrorCode.InvalidTag).withMessage("The TagKey you have provided is invalid")
                        .with("TagKey", tag.key());
            }
            if (!valid(tag.value(), 0, MAX_VALUE)) {
                throw S3Exception.of(S3ErrorCode.InvalidTag).withMessage("The TagValue you have provided is invalid")
                        .with("TagKey", tag.key()).with("TagValue", tag.value());
            }
            if (out.putIfAbsent(tag.key(), tag.value()) != null) {
                throw S3Exception.of(S3ErrorCode.InvalidTag).withMessage("Cannot provide multiple Tags with the same key")
                        .with("TagKey", tag.key());
            }
        }
        for (String key : out.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith(SYSTEM_PREFIX)) throw reserved(key, scope);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Length in Unicode characters (code points), as AWS's tag rules count them. */
    private static boolean valid(String text, int min, int max) {
        int length = text.codePointCount(0, text.length());
        return length >= min && length <= max && ALLOWED.matcher(text).matches();
    }

    private static S3Exception reserved(String key, Scope scope) {
        String message = scope == Scope.BUCKET && !key.startsWith(SYSTEM_PREFIX)
                ? "Invalid Tag. Tags cannot start with \"aws:\"(case insensitive) unless they are System Tags that start "
                        + "with \"aws:\"(case sensitive)"
                : "System tags cannot be added/updated by requester";
        return S3Exception.of(S3ErrorCode.InvalidTag).withMessage(message).with("TagKey", key);
    }

    private static S3Exception tooMany(Scope scope) {
        return S3Exception.of(S3ErrorCode.BadRequest).withMessage(scope.tooMany);
    }

    private static S3Exception invalidHeader(String header) {
        return S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The header 'x-amz-tagging' shall be encoded as "
                + "UTF-8 then URLEncoded URL query parameters without tag name duplicates.")
                .with("ArgumentName", "x-amz-tagging").with("ArgumentValue", header);
    }
}
