package dev.coffer.api.notify;

import dev.coffer.api.config.CofferProperties;
import dev.coffer.metadata.Catalog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Event notifications: the outbox's delivery job, run by the JobRunner like every background job. */
@Configuration(proxyBeanMethods = false)
public class NotifyConfiguration {

    @Bean(destroyMethod = "close")
    NotificationDelivery notificationDelivery(Catalog catalog, NotificationProperties props, CofferProperties coffer,
                                              PrometheusMeterRegistry registry) {
        return new NotificationDelivery(catalog, props, coffer.region(), registry, System::currentTimeMillis);
    }
}
