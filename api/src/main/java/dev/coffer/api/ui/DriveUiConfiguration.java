package dev.coffer.api.ui;

import dev.coffer.api.server.ReservedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the drive UI at /_coffer/ui/ among the reserved endpoints. */
@Configuration(proxyBeanMethods = false)
public class DriveUiConfiguration {
    static final String CLASSPATH_FOLDER = "coffer-ui";

    @Bean
    ReservedPaths.Endpoint driveUiEndpoint() {
        return new ReservedPaths.Endpoint(DriveUiEndpoint.PATH, new DriveUiEndpoint(UiAssets.fromClasspath(CLASSPATH_FOLDER)));
    }
}
