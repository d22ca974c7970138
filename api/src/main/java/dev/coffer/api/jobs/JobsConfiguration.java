package dev.coffer.api.jobs;

import dev.coffer.api.cluster.ClusterRuntime;
import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.service.ChunkLeases;
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
    ChunkGc chunkGc(Catalog catalog, ChunkStore chunks, ChunkLeases leases, CofferProperties props) {
        return new ChunkGc(catalog, chunks, leases, props.gcGrace(), props.gcInterval());
    }

    @Bean
    OrphanSweep orphanSweep(Catalog catalog, ChunkStore chunks, JobsProperties props) {
        return new OrphanSweep(catalog, chunks, System.currentTimeMillis(), props.sweepMinAge(), props.sweepInterval());
    }

    @Bean
    Scrub scrub(Catalog catalog, ChunkStore chunks, JobsProperties props, PrometheusMeterRegistry registry) {
        return new Scrub(catalog, chunks, props.scrubBytesPerSecond(), props.scrubInterval(), registry);
    }

    @Bean
    JobRunner jobRunner(List<Job> jobs, OrphanSweep sweep, JobsProperties props, CofferProperties coffer,
                        PrometheusMeterRegistry registry, ClusterRuntime cluster) {
        BooleanSupplier leads = cluster.node().<BooleanSupplier>map(node -> node::isLeader).orElse(() -> true);
        JobRunner runner = new JobRunner(jobs, props.concurrency(), coffer.gcInterval(), registry, leads);
        // Every orphan of an interrupted run goes before the first request (CrashRecoveryIT checks the files).
        if (!runner.runPass(sweep)) throw new IllegalStateException("the orphan sweep at start failed; see the log");
        return runner;
    }
}
