package dev.coffer.auth.policy;

import java.util.Objects;

/**
 * The Authorizer's answer, with what decided it (a statement's Sid or a rule) so a denial can be
 * explained in the log.
 */
public record Decision(Outcome outcome, String reason) {

    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public static Decision allow(String reason) {
        return new Decision(Outcome.ALLOW, reason);
    }

    public static Decision explicitDeny(String reason) {
        return new Decision(Outcome.EXPLICIT_DENY, reason);
    }

    public static Decision implicitDeny(String reason) {
        return new Decision(Outcome.IMPLICIT_DENY, reason);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
