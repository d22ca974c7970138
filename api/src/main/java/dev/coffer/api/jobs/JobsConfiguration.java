package dev.coffer.api.jobs;

import dev.coffer.api.cluster.ClusterRuntime;
import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.lifecycle.LifecycleClock;
import dev.coffer.api.lifecycle.LifecycleConfigs;
import dev.coffer.api.lifecycle.LifecycleJob;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The background jobs and their runner; the orphan sweep's first pass runs here, before the server serves. */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

    @Bean
    ChunkGc chunkGc(Catalog catalog, dev.coffer.api.service.ChunkPlacement placement, ChunkLeases leases,
                    CofferProperties props) {
        // In a cluster the leader's collector deletes a chunk on every member (docs/cluster.md).
        return new ChunkGc(catalog, placement, leases, props.gcGrace(), props.gcInterval());
    }

    @Bean
    OrphanSweep orphanSweep(Catalog catalog, ChunkStore chunks, JobsProperties props, ClusterRuntime cluster) {
        // In a cluster a chunk from before this start may be a replica whose command committed
        // while this node was down and is not applied here yet: only the minimum age spares it.
        long started = cluster.node().isPresent() ? Long.MIN_VALUE : System.currentTimeMillis();
        return new OrphanSweep(catalog, chunks, started, props.sweepMinAge(), props.sweepInterval());
    }

    @Bean
    Scrub scrub(Catalog catalog, ChunkStore chunks, JobsProperties props, PrometheusMeterRegistry registry,
                ClusterRuntime cluster) {
        String cursor = cluster.node().map(node -> Scrub.NAME + "/" + node.nodeId()).orElse(Scrub.NAME);
        return new Scrub(catalog, cursor, chunks, props.scrubBytesPerSecond(), props.scrubInterval(), registry);
    }

    /** Its first pass comes at the first tick after the start, which it does not hold up. */
    @Bean
    ChunkAudit chunkAudit(Catalog catalog, ChunkStore chunks, JobsProperties props, ClusterRuntime cluster) {
        String self = cluster.node().map(node -> node.nodeId()).orElse(null);
        return new ChunkAudit(catalog, chunks, self, props.chunkAuditPerSecond(), props.chunkAuditInterval());
    }

    @Bean
    LifecycleConfigs lifecycleConfigs(Catalog catalog) {
        return new LifecycleConfigs(catalog, new S3Xml());
    }

    @Bean
    LifecycleClock lifecycleClock(JobsProperties props) {
        return LifecycleClock.ofDaySeconds(props.daySeconds());
    }

    @Bean
    ExpirationHeader expirationHeader(LifecycleConfigs configs, LifecycleClock clock, BlockingIo io) {
        return new ExpirationHeader(configs, clock, io);
    }

    /** A pass every quarter "day", between 500 ms (tests' 2-second days) and an hour. */
    @Bean
    LifecycleJob lifecycleJob(Catalog catalog, LifecycleConfigs configs, LifecycleClock clock, JobsProperties props) {
        long quarter = props.daySeconds() * 250;
        Duration interval = Duration.ofMillis(Math.max(500, Math.min(quarter, Duration.ofHours(1).toMillis())));
        return new LifecycleJob(catalog, configs, clock, interval);
    }

    @Bean
    JobRunner jobRunner(List<Job> jobs, OrphanSweep sweep, JobsProperties props, CofferProperties coffer,
                        PrometheusMeterRegistry registry, ClusterRuntime cluster) {
        BooleanSupplier leads = cluster.node().<BooleanSupplier>map(node -> node::isLeader).orElse(() -> true);
        JobRunner runner = new JobRunner(jobs, props.concurrency(), coffer.gcInterval(), registry, leads);
        // Every orphan of an interrupted run goes before the first request (CrashRecoveryIT checks the files).
        // A sweep that cannot read the catalogue (a damaged table file) deletes nothing; refusing to
        // start over it would take every intact object offline, so the server starts and says so.
        if (!runner.runPass(sweep)) {
            org.slf4j.LoggerFactory.getLogger(JobsConfiguration.class).error("the orphan sweep at start failed (logged"
                    + " above); starting anyway: it deleted nothing, and its next pass tries again");
        }
        return runner;
    }
}
