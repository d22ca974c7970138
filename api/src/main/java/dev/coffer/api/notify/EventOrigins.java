package dev.coffer.api.notify;

import dev.coffer.api.server.S3Call;
import dev.coffer.auth.policy.Principal;
import dev.coffer.metadata.EventOrigin;
import java.net.InetSocketAddress;

/** What an event tells of the request that caused it (S3's userIdentity, requestParameters, responseElements). */
public final class EventOrigins {
    private EventOrigins() {}

    /** @param api the {@code ObjectCreated} API (Put, Post, Copy), or null for other changes */
    public static EventOrigin of(S3Call call, String api) {
        return of(call, api, call.access() == null ? null : call.access().principal());
    }

    /** {@link #of(S3Call, String)} for a change made with the rights of {@code p} (a POST form's signer). */
    public static EventOrigin of(S3Call call, String api, Principal p) {
        String principal = p == null || p.kind() == Principal.Kind.ANONYMOUS ? "Anonymous"
                : "AWS:" + (p.userId() != null ? p.userId() : p.accountId());
        InetSocketAddress remote = call.http().getRemoteAddress();
        String ip = remote == null ? null
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return new EventOrigin(api, principal, ip, call.requestId());
    }
}
