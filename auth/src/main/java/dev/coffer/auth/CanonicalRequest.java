package dev.coffer.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SigV4 canonical request:
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n \n signed headers \n payload hash
 * </pre>
 * See {@link UriEncoding} for how the path and query are re-encoded.
 */
final class CanonicalRequest {
    private static final Comparator<QueryParameter> QUERY_ORDER =
            Comparator.comparing(QueryParameter::canonicalName).thenComparing(QueryParameter::canonicalValue);

    private CanonicalRequest() {}

    /**
     * @param excludeSignature leave out X-Amz-Signature (presigned URLs sign everything else)
     * @return the canonical request as wire text, left in its builder: it is only hashed
     *     ({@link Crypto#sha256HexOfWire}), so it is never copied into a String
     */
    static CharSequence build(SignedRequest request, List<QueryParameter> query, boolean excludeSignature,
            List<String> signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(request.method()).append('\n');
        sb.append(UriEncoding.canonicalPath(request.rawPath())).append('\n');
        appendQuery(sb, query, excludeSignature);
        sb.append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':');
            appendHeaderValues(sb, request.headers().get(name));
            sb.append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", signedHeaders)).append('\n');
        sb.append(payloadHash);
        return sb;
    }

    private static void appendQuery(StringBuilder sb, List<QueryParameter> query, boolean excludeSignature) {
        List<QueryParameter> sorted = new ArrayList<>(query.size());
        for (QueryParameter p : query) {
            if (!(excludeSignature && p.name().equals("X-Amz-Signature"))) sorted.add(p);
        }
        sorted.sort(QUERY_ORDER);
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) sb.append('&');
            sb.append(sorted.get(i).canonicalName()).append('=').append(sorted.get(i).canonicalValue());
        }
    }

    /**
     * Values trimmed, inner whitespace runs collapsed to one space (as the AWS SDKs do), several
     * values joined with ','. A signed header that is absent contributes an empty value, which
     * then fails the signature comparison.
     */
    private static void appendHeaderValues(StringBuilder sb, List<String> values) {
        if (values == null) return;
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) sb.append(',');
            String value = values.get(v);
            boolean pendingSpace = false;
            boolean started = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (isWhitespace(c)) {
                    pendingSpace = started;
                } else {
                    if (pendingSpace) sb.append(' ');
                    sb.append(c);
                    pendingSpace = false;
                    started = true;
                }
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
