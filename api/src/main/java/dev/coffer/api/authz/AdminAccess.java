package dev.coffer.api.authz;

import dev.coffer.api.iam.Identities;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.auth.AuthException;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.auth.SignedRequest;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Decision;
import dev.coffer.auth.policy.Principal;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who may call one of Coffer's own admin endpoints ({@code /_coffer/admin/…}) that is not for the
 * server's root alone: the server's root, and the IAM users of the server's first account (the
 * account the root key belongs to) whose identity policies allow the endpoint's admin action, as
 * the {@link Authorizer} decides for every S3 and IAM call. Actions are named as MinIO names its
 * admin actions ({@code admin:ServerInfo} for {@code mc admin info}); the resource is
 * {@code arn:coffer:admin:::<what>}, so {@code "Resource": "*"} matches it (docs/policies.md,
 * "Coffer's admin actions").
 *
 * <p>Another account's keys, its root included, are refused whatever their policies say: these
 * endpoints show the whole server, and an account's root may write any policy for its own users.
 */
public final class AdminAccess {
    /** The storage overview ({@code GET /_coffer/admin/overview}), as MinIO's {@code mc admin info}. */
    public static final String SERVER_INFO = "admin:ServerInfo";
    public static final String OVERVIEW = "arn:coffer:admin:::overview";

    private final RequestAuthenticator authenticator;
    private final Identities identities;
    private final Authorizer authorizer;
    private final DenialMetrics denials;

    public AdminAccess(RequestAuthenticator authenticator, Identities identities, Authorizer authorizer,
                       DenialMetrics denials) {
        this.authenticator = authenticator;
        this.identities = identities;
        this.authorizer = authorizer;
        this.denials = denials;
    }

    /**
     * Empty when the request's signer may do {@code action} on {@code resource}; else the message
     * of the {@code AccessDenied} to answer (in IAM's words, naming the action and the resource).
     */
    public Optional<String> refusal(ServerHttpRequest request, String action, String resource) {
        String accessKeyId;
        try {
            String rawQuery = request.getURI().getRawQuery();
            accessKeyId = authenticator.authenticate(new SignedRequest(request.getMethod().name(),
                    request.getURI().getRawPath(), rawQuery == null ? "" : rawQuery, RootSignature.headers(request)))
                    .accessKeyId();
        } catch (AuthException e) {
            return Optional.of("Sign the request with the server's root key or with the key of a user whose policy"
                    + " allows " + action + " (" + e.getMessage() + ").");
        }
        Optional<Principal> found = identities.principalOf(accessKeyId);
        if (found.isEmpty()) return Optional.of("The access key is not active.");
        Principal principal = found.get();
        if (!principal.accountId().equals(identities.firstAccount().id())) {
            return Optional.of(principal.arn() + " is not authorized to perform: " + action + " on resource: " + resource
                    + " because " + action + " is for the server's own account only");
        }
        Decision decision = authorizer.authorize(principal, action, resource,
                ConditionKeys.ofServiceCall(request), null, null);
        if (decision.allowed()) return Optional.empty();
        denials.denied(action, decision);
        return Optional.of("User: " + principal.arn() + " is not authorized to perform: " + action + " on resource: "
                + resource + (decision.outcome() == Decision.Outcome.EXPLICIT_DENY
                        ? " with an explicit deny in an identity-based policy"
                        : " because no identity-based policy allows the " + action + " action"));
    }
}
