package dev.coffer.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Authentication failed. Immutable; create one per failure. */
public final class AuthException extends Exception {
    private final AuthError error;
    private final Map<String, String> details;

    public AuthException(AuthError error, String message) {
        this(error, message, Map.of());
    }

    /**
     * @param details extra elements of S3's error document, by element name (e.g.
     *     {@code HeadersNotSigned}), in the order the document lists them
     */
    public AuthException(AuthError error, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.error = error;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public AuthError error() {
        return error;
    }

    /** Extra elements for the error document; empty when there are none. */
    public Map<String, String> details() {
        return details;
    }
}
