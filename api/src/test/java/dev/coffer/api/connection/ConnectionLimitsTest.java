package dev.coffer.api.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings as the README names them. (Looked up by name rather than bound into the record: in
 * this module's test JVM the Jazzer fuzz tests' agent may have instrumented the record first, and
 * Spring then no longer sees it as a record; the real server's binding is what every IT starts.)
 */
class ConnectionLimitsTest {

    @Test
    void theReadmesEnvironmentVariablesNameTheSettings() {
        ConfigurationPropertySource env = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource("env", Map.of(
                "COFFER_CONNECTION_IDLE_TIMEOUT", "3s",
                "COFFER_CONNECTION_HEADER_TIMEOUT", "4s",
                "COFFER_CONNECTION_BODY_TIMEOUT", "5s",
                "COFFER_CONNECTION_WRITE_TIMEOUT", "6s",
                "COFFER_CONNECTION_MAX_CONNECTIONS", "7",
                "COFFER_CONNECTION_MAX_PER_ADDRESS", "8")));
        Map<String, String> expected = Map.of(
                "coffer.connection.idle-timeout", "3s",
                "coffer.connection.header-timeout", "4s",
                "coffer.connection.body-timeout", "5s",
                "coffer.connection.write-timeout", "6s",
                "coffer.connection.max-connections", "7",
                "coffer.connection.max-per-address", "8");
        expected.forEach((name, value) -> {
            ConfigurationProperty property = env.getConfigurationProperty(ConfigurationPropertyName.of(name));
            assertThat(property).as(name).isNotNull();
            assertThat(property.getValue()).as(name).isEqualTo(value);
        });
    }

    @Test
    void aZeroTimeoutOrNoConnectionIsRefusedAtStart() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ConnectionLimits(s, s, Duration.ZERO, s, 1, 1))
                .hasMessageContaining("coffer.connection.body-timeout must be positive");
        assertThatThrownBy(() -> new ConnectionLimits(s, s, s, s, 0, 1))
                .hasMessageContaining("coffer.connection.max-connections must be at least 1");
        assertThatThrownBy(() -> new ConnectionLimits(s, s, s, s, 1, 0))
                .hasMessageContaining("coffer.connection.max-per-address must be at least 1");
    }
}
