package dev.coffer.api.ui;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the drive (see {@link DriveOrigins} for how the defaults are derived).
 *
 * @param port the drive's own port; 0 = any free port, negative = no drive
 * @param origin the drive's origins as browsers see them (e.g. https://drive.example.com behind a
 *     proxy); empty = http(s)://localhost, 127.0.0.1, [::1] or the S3 request's host name, on {@code port}
 * @param s3Endpoint the S3 endpoint the drive calls, as browsers see it (e.g. https://s3.example.com);
 *     blank = the host name the drive was opened with, on the S3 port
 */
@ConfigurationProperties("coffer.ui")
public record UiProperties(
        @DefaultValue("9001") int port,
        @DefaultValue("") List<String> origin,
        @DefaultValue("") String s3Endpoint) {}
