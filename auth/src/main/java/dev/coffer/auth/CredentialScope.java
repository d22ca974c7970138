package dev.coffer.auth;

/**
 * The Credential of a SigV4 request, {@code AKID/yyyyMMdd/region/s3/aws4_request}, checked the way
 * S3 checks it. The region is checked against the server's by {@link SigV4Authenticator}.
 *
 * @param scope {@code yyyyMMdd/region/service/aws4_request}, as it appears in strings to sign
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String scope) {
    static final String TERMINATOR = "aws4_request";

    /**
     * @param malformed the error to raise: AUTHORIZATION_HEADER_MALFORMED for the header form,
     *     AUTHORIZATION_QUERY_PARAMETERS_ERROR for presigned URLs
     */
    static CredentialScope parse(String credential, AuthError malformed) throws AuthException {
        return parse(credential, malformed, "s3");
    }

    /**
     * Cut at its four '/' in one pass: the key id, date and region are taken out, the service and
     * terminator compared in place, and the scope is the credential after the key id, as it is
     * signed (no split, no String built again for the string to sign).
     *
     * @param service the service this request must be signed for: "s3", or "iam" for the IAM query API
     */
    static CredentialScope parse(String credential, AuthError malformed, String service) throws AuthException {
        String prefix = malformed == AuthError.AUTHORIZATION_HEADER_MALFORMED
                ? "The authorization header is malformed; " : "Error parsing the X-Amz-Credential parameter; ";
        int s1 = credential.indexOf('/');
        int s2 = s1 < 0 ? -1 : credential.indexOf('/', s1 + 1);
        int s3 = s2 < 0 ? -1 : credential.indexOf('/', s2 + 1);
        int s4 = s3 < 0 ? -1 : credential.indexOf('/', s3 + 1);
        if (s4 < 0 || credential.indexOf('/', s4 + 1) >= 0 || s1 == 0 || s3 == s2 + 1) {
            throw new AuthException(malformed, prefix + "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        String date = credential.substring(s1 + 1, s2);
        if (!isDate(date)) {
            throw new AuthException(malformed, prefix + "incorrect date format \"" + date
                    + "\". This date in the credential must be in the format \"yyyyMMdd\".");
        }
        if (s4 - s3 - 1 != service.length() || !credential.startsWith(service, s3 + 1)) {
            throw new AuthException(malformed, prefix + "incorrect service \"" + credential.substring(s3 + 1, s4)
                    + "\". This endpoint belongs to \"" + service + "\".");
        }
        if (credential.length() - s4 - 1 != TERMINATOR.length() || !credential.startsWith(TERMINATOR, s4 + 1)) {
            throw new AuthException(malformed, prefix + "incorrect terminal \"" + credential.substring(s4 + 1)
                    + "\". This endpoint uses \"aws4_request\".");
        }
        return new CredentialScope(credential.substring(0, s1), date, credential.substring(s2 + 1, s3), service,
                credential.substring(s1 + 1));
    }

    private static boolean isDate(String s) {
        if (s.length() != 8) return false;
        for (int i = 0; i < 8; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        // By hand, as AmzDate does: DateTimeFormatter.parse was 4% of a presigned 4 KiB GET's CPU.
        try {
            java.time.LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 4, 6, 10),
                    Integer.parseInt(s, 6, 8, 10));
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
