package dev.coffer.api.authz;

import dev.coffer.auth.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the Authorizer's refusals by IAM action, as the issue asks ("metrics count authorization
 * denials by action"), on the server's one registry ({@code /_coffer/metrics}):
 *
 * <pre>
 * coffer_authorization_denials_total{action,decision}   decision = explicit | implicit
 * </pre>
 *
 * The action label is bounded by the IAM actions Coffer asks about (a few dozen), never by
 * buckets, keys or principals. Also counted: the IAM query API's refusals ({@code iam:CreateUser}…).
 */
public final class DenialMetrics {
    /** Counts nothing (tests, and servers built without a registry). */
    public static final DenialMetrics NONE = new DenialMetrics(null);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DenialMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Notes one refusal of {@code action}; an allowed decision is not counted. */
    public void denied(String action, Decision decision) {
        if (registry == null || decision.allowed()) return;
        String kind = decision.outcome() == Decision.Outcome.EXPLICIT_DENY ? "explicit" : "implicit";
        counters.computeIfAbsent(action + ' ' + kind, k -> Counter.builder("coffer.authorization.denials")
                .description("Requests (or keys of DeleteObjects) the Authorizer refused, by IAM action")
                .tag("action", action).tag("decision", kind).register(registry)).increment();
    }

    /** The count so far (tests). */
    double count(String action, String decision) {
        Counter c = counters.get(action + ' ' + decision.toLowerCase(Locale.ROOT));
        return c == null ? 0 : c.count();
    }
}
