package dev.coffer.api.iam;

/**
 * The IAM query API's error codes Coffer answers, with IAM's HTTP status and fault type.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html and each action's Errors.
 */
public enum IamError {
    NoSuchEntity(404),
    EntityAlreadyExists(409),
    DeleteConflict(409),
    LimitExceeded(409),
    MalformedPolicyDocument(400),
    ValidationError(400),
    InvalidInput(400),
    InvalidAction(400),
    MissingAction(400),
    MissingParameter(400),
    AccessDenied(403),
    InvalidClientTokenId(403),
    SignatureDoesNotMatch(403),
    IncompleteSignature(400),
    RequestExpired(400),
    /** Not an IAM code: an action or parameter IAM has and Coffer does not (501, never silently accepted). */
    NotImplemented(501),
    ServiceFailure(500),
    /** A cluster node that cannot reach its leader (IAM's common error for a temporary failure). */
    ServiceUnavailable(503);

    private final int status;

    IamError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** "Receiver" for the service's own failures, "Sender" for the rest. */
    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
