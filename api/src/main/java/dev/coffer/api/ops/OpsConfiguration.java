package dev.coffer.api.ops;

import dev.coffer.api.authz.AdminAccess;
import dev.coffer.api.cluster.ClusterRuntime;
import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.jobs.ChunkAudit;
import dev.coffer.api.jobs.JobRunner;
import dev.coffer.api.jobs.Scrub;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.api.server.S3HttpHandler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator's view: {@code /_coffer/health}, {@code /_coffer/metrics}, request metrics and
 * the access log. The server's handler is wrapped once, here, so that every request is observed
 * without the S3 path knowing more than "note the operation and the error".
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean(destroyMethod = "close")
    PrometheusMeterRegistry prometheusMeterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Depends on the catalogue, so it exists only once RocksDB is open. */
    @Bean
    Readiness readiness(Catalog catalog) {
        return new Readiness();
    }

    @Bean
    StoreHealth storeHealth(Catalog catalog, ChunkStore chunks, Scrub scrub, ChunkAudit audit,
                            PrometheusMeterRegistry registry) {
        CatalogMemoryGauges.register(catalog, registry);
        HotRecordGauges.register(catalog, registry);
        return new StoreHealth(catalog, chunks, scrub::catalogCorruption, audit::found).register(registry);
    }

    @Bean
    ClusterHealth clusterHealth(ClusterRuntime runtime, PrometheusMeterRegistry registry, JobRunner jobs,
                                dev.coffer.api.config.ClusterProperties cluster) {
        return new ClusterHealth(runtime, () -> jobs.backlog(dev.coffer.api.cluster.ReplicationConfiguration.AUDIT_JOB),
                cluster.deadAfter()).register(registry);
    }

    @Bean
    ReservedPaths.Endpoint healthEndpoint(Readiness readiness, JobRunner jobs, StoreHealth store, ClusterHealth cluster) {
        return new ReservedPaths.Endpoint(HealthEndpoint.PATH, new HealthEndpoint(readiness, jobs::failingKinds, () -> {
            List<String> problems = new java.util.ArrayList<>(store.problems());
            problems.addAll(cluster.problems());
            return problems;
        }, cluster::json));
    }

    @Bean
    ReservedPaths.Endpoint metricsEndpoint(PrometheusMeterRegistry registry, MetricsProperties props,
                                           CofferProperties coffer, RootCredentials root) throws IOException {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(MetricsEndpoint.PATH, new MetricsEndpoint(registry,
                MetricsToken.resolve(props, coffer.dataDir()), new RootSignature(rootOnly, root.accessKey())));
    }

    @Bean
    ReservedPaths.Endpoint overviewEndpoint(StoredStats stats, JobRunner jobs, StoreHealth store,
                                            dev.coffer.api.cluster.ClusterRuntime cluster, AdminAccess admin) {
        return new ReservedPaths.Endpoint(OverviewEndpoint.PATH, new OverviewEndpoint(
                OverviewEndpoint.sources(stats, jobs::statuses, store, cluster::node),
                request -> admin.refusal(request, AdminAccess.SERVER_INFO, AdminAccess.OVERVIEW)));
    }

    @Bean
    StoredStats storedStats(Catalog catalog, BlockingIo io, MetricsProperties props, PrometheusMeterRegistry registry) {
        return new StoredStats(catalog, io, props.statsInterval(), registry);
    }

    @Bean(destroyMethod = "close")
    AccessLogWriter accessLogWriter(PrometheusMeterRegistry registry) {
        AccessLogWriter writer = new AccessLogWriter(LoggerFactory.getLogger(AccessLog.LOGGER));
        FunctionCounter.builder("coffer.access.log.dropped", writer, AccessLogWriter::dropped)
                .description("Access-log lines dropped because the writer fell behind").register(registry);
        return writer;
    }

    @Bean
    RequestMetrics requestMetrics(PrometheusMeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    /** Wraps the S3 handler bean; static, as a post-processor must be, with its collaborators fetched late. */
    @Bean
    static BeanPostProcessor observeRequests(ObjectProvider<RequestMetrics> metrics,
                                             ObjectProvider<AccessLogWriter> accessLog) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof S3HttpHandler) {
                    return new ObservingHttpHandler((S3HttpHandler) bean,
                            List.of(metrics.getObject(), new AccessLog(accessLog.getObject())));
                }
                return bean;
            }
        };
    }
}
