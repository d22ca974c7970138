package dev.coffer.api.sse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of server-side encryption.
 *
 * @param customerKeysOverHttp accept SSE-C keys on plain HTTP. S3 refuses them (a key sent in the
 *     clear must be thought lost); set this only when a TLS-terminating proxy is the only way in
 *     and the hop behind it is trusted (COFFER_SSE_CUSTOMER_KEYS_OVER_HTTP)
 * @param trustForwardedProto count a request as HTTPS when it carries {@code X-Forwarded-Proto:
 *     https}; set it only behind a proxy that sets that header itself and drops the client's
 *     (docker/nginx.conf does) (COFFER_SSE_TRUST_FORWARDED_PROTO)
 */
@ConfigurationProperties("coffer.sse")
public record SseProperties(
        @DefaultValue("false") boolean customerKeysOverHttp,
        @DefaultValue("false") boolean trustForwardedProto) {}
