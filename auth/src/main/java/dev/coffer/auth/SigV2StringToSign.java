package dev.coffer.auth;

import java.util.List;

/**
 * SigV2's string to sign:
 * <pre>
 * VERB \n Content-MD5 \n Content-Type \n Date (or Expires) \n CanonicalizedAmzHeaders CanonicalizedResource
 * </pre>
 * An absent positional header is an empty line. See {@link CanonicalizedAmzHeaders} and
 * {@link CanonicalizedResource}. The result is {@link WireText}: header values as they arrived.
 */
final class SigV2StringToSign {
    private SigV2StringToSign() {}

    /**
     * Everything but the CanonicalizedResource, which {@link SigV2Authenticator} appends (it may
     * try more than one).
     *
     * @param presignedQuery the parsed query of a presigned URL, or null for the header form
     * @param dateLine the Date header, "" when x-amz-date is sent, or Expires for a presigned URL
     */
    static String withoutResource(SignedRequest request, List<QueryParameter> presignedQuery, String dateLine) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method()).append('\n');
        sb.append(positional(request, presignedQuery, "content-md5")).append('\n');
        sb.append(positional(request, presignedQuery, "content-type")).append('\n');
        sb.append(dateLine).append('\n');
        // A presigned URL's string to sign uses neither Date nor x-amz-date.
        sb.append(CanonicalizedAmzHeaders.build(request.headers(), presignedQuery,
                presignedQuery == null ? null : "x-amz-date"));
        return sb.toString();
    }

    /**
     * The header's value; for a presigned URL whose request lacks the header, the query parameter
     * of the same name (botocore puts a presigned PUT's content-type there).
     */
    private static String positional(SignedRequest request, List<QueryParameter> presignedQuery, String name) {
        String value = request.header(name);
        if (value == null && presignedQuery != null) {
            value = QueryParameter.find(presignedQuery, name);
            if (value != null) value = WireText.ofUnicode(value);
        }
        return value == null ? "" : value.trim();
    }
}
