package dev.coffer.api.notify;

import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.metadata.Catalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event notifications: the declared targets (settings and the catalogue's), the outbox's delivery
 * job, run by the JobRunner like every background job, and the root's targets endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class NotifyConfiguration {

    @Bean
    NotificationTargets notificationTargets(NotificationProperties props, Catalog catalog) {
        return new NotificationTargets(props, catalog);
    }

    @Bean(destroyMethod = "close")
    NotificationDelivery notificationDelivery(Catalog catalog, NotificationProperties props, NotificationTargets targets,
                                              CofferProperties coffer, PrometheusMeterRegistry registry) {
        return new NotificationDelivery(catalog, props, targets, coffer.region(), registry, System::currentTimeMillis);
    }

    @Bean
    ReservedPaths.Endpoint notificationTargetsEndpoint(NotificationTargets targets, BlockingIo io, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(TargetsEndpoint.PATH,
                new TargetsEndpoint(targets, io, new RootSignature(rootOnly, root.accessKey())));
    }
}
