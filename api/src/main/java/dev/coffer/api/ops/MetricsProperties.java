package dev.coffer.api.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of {@code /_coffer/metrics}.
 *
 * @param open {@code coffer.metrics.public}: true lets anyone scrape (keep the port private then);
 *     by default a scrape needs the bearer token or a request signed by the root
 * @param token the bearer token; blank = the one generated at first start and kept in the data
 *     directory ({@link MetricsToken#FILE_NAME})
 * @param statsInterval how often the objects/bytes/GC-backlog gauges are recounted; each recount
 *     is one full catalogue scan off the event loop
 */
@ConfigurationProperties("coffer.metrics")
public record MetricsProperties(
        @Name("public") @DefaultValue("false") boolean open,
        @DefaultValue("") String token,
        @DefaultValue("60s") Duration statsInterval) {}
