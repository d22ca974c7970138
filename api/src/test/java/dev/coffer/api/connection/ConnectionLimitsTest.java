package dev.coffer.api.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ConnectionLimitsTest {

    private static ConnectionLimits bind(Map<String, Object> environmentVariables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", environmentVariables));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("coffer.connection", ConnectionLimits.class);
    }

    @Test
    void defaultsAreNearS3s() {
        ConnectionLimits limits = bind(Map.of());
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.bodyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.writeTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limits.maxConnections()).isEqualTo(1024);
    }

    @Test
    void theReadmesEnvironmentVariablesSetThem() {
        ConnectionLimits limits = bind(Map.of(
                "COFFER_CONNECTION_IDLE_TIMEOUT", "3s",
                "COFFER_CONNECTION_HEADER_TIMEOUT", "4s",
                "COFFER_CONNECTION_BODY_TIMEOUT", "5s",
                "COFFER_CONNECTION_WRITE_TIMEOUT", "6s",
                "COFFER_CONNECTION_MAX_CONNECTIONS", "7"));
        assertThat(limits).isEqualTo(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(6), 7));
    }

    @Test
    void aZeroTimeoutIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("COFFER_CONNECTION_BODY_TIMEOUT", "0s")))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("coffer.connection.body-timeout must be positive");
    }
}
