package dev.coffer.auth;

/** Looks up the secret of an access key id, failing as S3 does for an unknown one. */
final class SecretKeys {
    private SecretKeys() {}

    static String secretOf(CredentialsLookup credentials, String accessKeyId) throws AuthException {
        return credentials.secretKeyFor(accessKeyId).orElseThrow(() -> new AuthException(
                AuthError.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records."));
    }
}
