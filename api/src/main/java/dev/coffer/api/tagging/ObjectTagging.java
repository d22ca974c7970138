package dev.coffer.api.tagging;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Tags;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;

/** Tags where an object is written or read: the attribute a new version starts with, the count GET/HEAD send, copies. */
public final class ObjectTagging {
    private ObjectTagging() {}

    /** The version attributes a write starts with for {@code tags}: the tags attribute, or none for no tags. */
    public static Map<String, byte[]> attributes(Map<String, String> tags) {
        byte[] encoded = Tags.encode(tags);
        return encoded == null ? Map.of() : Map.of(Tags.ATTRIBUTE, encoded);
    }

    /** x-amz-tagging-count on a GET or HEAD of a version that has tags (none when it has none, as S3). */
    public static void writeCount(ObjectRecord record, HttpHeaders response) {
        int count = Tags.of(record).size();
        if (count > 0) response.set("x-amz-tagging-count", Integer.toString(count));
    }

    /**
     * The attributes a copy starts with, given its source, by CopyObject's x-amz-tagging-directive:
     * COPY (the default) keeps the source's tags and ignores x-amz-tagging, REPLACE takes the
     * request's x-amz-tagging (none when absent, checked now, before anything is copied); any
     * other directive is InvalidArgument.
     */
    public static Function<ObjectRecord, Map<String, byte[]>> forCopy(String directive, String header) {
        if (directive == null || directive.equals("COPY")) return source -> attributes(Tags.of(source));
        if (directive.equals("REPLACE")) {
            Map<String, byte[]> replaced = attributes(TagSets.fromHeader(header));
            return source -> replaced;
        }
        throw invalidDirective(directive);
    }

    private static S3Exception invalidDirective(String directive) {
        return S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Unknown tagging directive.")
                .with("ArgumentName", "x-amz-tagging-directive").with("ArgumentValue", directive);
    }
}
