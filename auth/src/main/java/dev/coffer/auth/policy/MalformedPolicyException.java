package dev.coffer.auth.policy;

/**
 * A policy document that does not parse or does not validate; the message is the one S3 gives
 * with MalformedPolicy (IAM's MalformedPolicyDocument for identity policies).
 */
public final class MalformedPolicyException extends RuntimeException {
    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }
}
