package dev.coffer.api.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the background jobs ({@code coffer.jobs.*}; README, "Background jobs").
 *
 * @param daySeconds the length of a lifecycle and retention "day" in seconds
 *     ({@code COFFER_JOBS_DAY_SECONDS}); 86400 but in tests, where 2 makes a Days=1 rule act
 *     within seconds, as RGW's {@code rgw_lc_debug_interval} does
 * @param concurrency threads that run job steps, shared by every kind
 * @param sweepInterval how often the orphan sweep walks the chunk directory
 * @param sweepMinAge a chunk younger than this (and than the process) is never an orphan: an
 *     upload in flight may not have published its record yet
 * @param scrubInterval how long after a full scrub pass the next begins
 * @param scrubBytesPerSecond how fast the scrub reads chunks
 * @param chunkAuditInterval how long after a whole chunk-audit pass the next begins (one also
 *     begins at every start)
 * @param chunkAuditPerSecond how many chunk files the chunk-audit looks at per second, at most
 */
@ConfigurationProperties("coffer.jobs")
public record JobsProperties(
        @DefaultValue("86400") long daySeconds,
        @DefaultValue("2") int concurrency,
        @DefaultValue("1h") Duration sweepInterval,
        @DefaultValue("24h") Duration sweepMinAge,
        @DefaultValue("7d") Duration scrubInterval,
        @DefaultValue("16777216") long scrubBytesPerSecond,
        @DefaultValue("24h") Duration chunkAuditInterval,
        @DefaultValue("5000") long chunkAuditPerSecond) {

    public JobsProperties {
        if (daySeconds < 1) throw new IllegalArgumentException("coffer.jobs.day-seconds must be at least 1");
        if (concurrency < 1) throw new IllegalArgumentException("coffer.jobs.concurrency must be at least 1");
        if (scrubBytesPerSecond < 1) throw new IllegalArgumentException("coffer.jobs.scrub-bytes-per-second must be at least 1");
        if (chunkAuditPerSecond < 1) throw new IllegalArgumentException("coffer.jobs.chunk-audit-per-second must be at least 1");
    }
}
