package dev.coffer.metadata;

/**
 * The catalogue refused an identity change because of the state it found (no such user, a name
 * taken, keys or policies still attached, a quota reached). Nothing was written. Carries IAM's
 * error code and message, so the api answers as IAM does without asking again. Deterministic.
 */
public final class IamRefusal extends MetadataException {
    /** IAM's error codes for refusals, by name. */
    public enum Code { NO_SUCH_ENTITY, ENTITY_ALREADY_EXISTS, DELETE_CONFLICT, LIMIT_EXCEEDED }

    private final Code code;

    public IamRefusal(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
