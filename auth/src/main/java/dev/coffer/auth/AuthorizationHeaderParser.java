package dev.coffer.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code AWS4-HMAC-SHA256 Credential=AKID/date/region/s3/aws4_request,
 * SignedHeaders=a;b;c, Signature=hex}. Components may be separated by ',' with or without
 * spaces and come in any order, as S3 accepts.
 */
final class AuthorizationHeaderParser {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final AuthError MALFORMED = AuthError.AUTHORIZATION_HEADER_MALFORMED;

    private AuthorizationHeaderParser() {}

    static SignatureParts parse(String header) throws AuthException {
        return parse(header, "s3");
    }

    static SignatureParts parse(String header, String service) throws AuthException {
        String value = header.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            // SigV4a and unknown schemes are not supported (SigV2 is routed to SigV2Authenticator).
            throw AuthMechanism.unsupported();
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String component : value.substring(space + 1).split(",")) {
            String c = component.trim();
            int eq = c.indexOf('=');
            if (eq < 0) throw malformed("the authorization component \"" + c + "\" is malformed.");
            String name = c.substring(0, eq);
            String v = c.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = v;
                case "SignedHeaders" -> signedHeaders = v;
                case "Signature" -> signature = v;
                default -> throw malformed("the authorization component \"" + c + "\" is malformed.");
            }
        }
        if (credential == null) throw malformed("missing Credential.");
        if (signedHeaders == null) throw malformed("missing SignedHeaders.");
        if (signature == null) throw malformed("missing Signature.");
        return new SignatureParts(CredentialScope.parse(credential, MALFORMED, service),
                parseSignedHeaders(signedHeaders, MALFORMED), signature);
    }

    private static final List<String> HOST_ONLY = List.of("host");

    /** Splits {@code a;b;c}, lower-cased; {@code host} must be among them. */
    static List<String> parseSignedHeaders(String list, AuthError error) throws AuthException {
        if (list.equals("host")) return HOST_ONLY; // a presigned GET's, as every SDK signs it
        List<String> names = new ArrayList<>();
        for (String name : list.split(";", -1)) {
            if (name.isEmpty()) throw new AuthException(error, "SignedHeaders \"" + list + "\" is malformed.");
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (!names.contains("host")) {
            throw new AuthException(error, "The request signature must include the host header; "
                    + "SignedHeaders were " + Arrays.toString(names.toArray()) + ".");
        }
        return List.copyOf(names);
    }

    private static AuthException malformed(String detail) {
        return new AuthException(MALFORMED, "The authorization header is malformed; " + detail);
    }
}
