package dev.coffer.api.iam;

/** An IAM query API request refused with one of IAM's errors; immutable, made per error. */
public final class IamException extends RuntimeException {
    private final IamError error;

    public IamException(IamError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public IamError error() {
        return error;
    }

    static IamException validation(String value, String member, String constraint) {
        return new IamException(IamError.ValidationError, "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }
}
