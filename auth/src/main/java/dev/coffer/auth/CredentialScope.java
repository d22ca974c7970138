package dev.coffer.auth;

/**
 * The Credential of a SigV4 request, {@code AKID/yyyyMMdd/region/s3/aws4_request}, checked the way
 * S3 checks it. The region is checked against the server's by {@link SigV4Authenticator}.
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    static final String TERMINATOR = "aws4_request";

    /** {@code yyyyMMdd/region/service/aws4_request}, as it appears in strings to sign. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /**
     * @param malformed the error to raise: AUTHORIZATION_HEADER_MALFORMED for the header form,
     *     AUTHORIZATION_QUERY_PARAMETERS_ERROR for presigned URLs
     */
    static CredentialScope parse(String credential, AuthError malformed) throws AuthException {
        return parse(credential, malformed, "s3");
    }

    /** @param service the service this request must be signed for: "s3", or "iam" for the IAM query API */
    static CredentialScope parse(String credential, AuthError malformed, String service) throws AuthException {
        String prefix = malformed == AuthError.AUTHORIZATION_HEADER_MALFORMED
                ? "The authorization header is malformed; " : "Error parsing the X-Amz-Credential parameter; ";
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw new AuthException(malformed, prefix + "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!isDate(parts[1])) {
            throw new AuthException(malformed, prefix + "incorrect date format \"" + parts[1]
                    + "\". This date in the credential must be in the format \"yyyyMMdd\".");
        }
        if (!parts[3].equals(service)) {
            throw new AuthException(malformed, prefix + "incorrect service \"" + parts[3]
                    + "\". This endpoint belongs to \"" + service + "\".");
        }
        if (!parts[4].equals(TERMINATOR)) {
            throw new AuthException(malformed, prefix + "incorrect terminal \"" + parts[4]
                    + "\". This endpoint uses \"aws4_request\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
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
