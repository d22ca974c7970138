package dev.coffer.auth;

/** Authentication failed. Immutable; create one per failure. */
public final class AuthException extends Exception {
    private final AuthError error;

    public AuthException(AuthError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public AuthError error() {
        return error;
    }
}
