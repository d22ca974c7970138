package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range [first, last] of an object, from a Range header. S3 serves a single
 * range; a header it cannot parse (or a multi-range) is ignored and the whole object is sent.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @return empty for no header or an ignorable one
     * @throws S3Exception InvalidRange (416) when the range cannot be satisfied
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) return Optional.empty();
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches()) return Optional.empty();
        String a = m.group(1);
        String b = m.group(2);
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) return Optional.empty();
                long suffix = Long.parseLong(b);
                if (suffix == 0 || size == 0) throw unsatisfiable(header, size);
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (!b.isEmpty() && last < first) return Optional.empty();
            if (first >= size) throw unsatisfiable(header, size);
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** As S3 answers: the Range header as sent and the object's size, also in Content-Range. */
    private static S3Exception unsatisfiable(String header, long size) {
        return S3Exception.of(S3ErrorCode.InvalidRange, null)
                .with("RangeRequested", header.trim())
                .with("ActualObjectSize", Long.toString(size))
                .withHeader("Content-Range", "bytes */" + size);
    }
}
