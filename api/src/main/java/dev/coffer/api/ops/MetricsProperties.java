package dev.coffer.api.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code /_coffer/metrics}.
 *
 * @param token when set, a scrape must send {@code Authorization: Bearer <token>}; blank = open
 *     (then keep the port private, as the compose file does for its nginx)
 * @param statsInterval how often the objects/bytes/GC-backlog gauges are recounted; each recount
 *     is one full catalogue scan off the event loop
 */
@ConfigurationProperties("coffer.metrics")
public record MetricsProperties(
        @DefaultValue("") String token,
        @DefaultValue("60s") Duration statsInterval) {}
