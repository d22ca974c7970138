package dev.coffer.api.config;

import dev.coffer.api.ui.DriveUiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Prints where Coffer and its drive listen and the root access key. The generated secret is printed only on the
 * start that generates it, with a ready aws command; later starts say where it is stored.
 */
@Component
class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);
    private final RootCredentials root;
    private final CofferProperties props;
    private final DriveUiServer drive;

    StartupBanner(RootCredentials root, CofferProperties props, DriveUiServer drive) {
        this.root = root;
        this.props = props;
        this.drive = drive;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        String endpoint = "http://localhost:" + port;
        StringBuilder b = new StringBuilder("\n\n  Coffer is listening on ").append(endpoint)
                .append(drive.port() > 0 ? "\n  Coffer Drive (in a browser): http://localhost:" + drive.port() + "/" : "")
                .append("\n  data directory: ").append(props.dataDir().toAbsolutePath().normalize()).append('\n');
        switch (root.source()) {
            case CONFIGURED -> b.append("  root access key: ").append(root.accessKey()).append(" (from configuration)\n");
            // A log outlives the start that wrote it: the secret is printed once, when it is made.
            case STORED -> b.append("  root access key: ").append(root.accessKey()).append('\n')
                    .append("  root secret key: stored in ").append(RootCredentials.file(props).toAbsolutePath().normalize())
                    .append(" (printed only on the first start)\n");
            case GENERATED -> b.append("  Generated root credentials (stored in ")
                    .append(RootCredentials.file(props).toAbsolutePath().normalize())
                    .append("; the secret is printed this once):\n")
                    .append("    access key: ").append(root.accessKey()).append('\n')
                    .append("    secret key: ").append(root.secretKey()).append('\n')
                    .append("\n  Try it:\n    AWS_ACCESS_KEY_ID=").append(root.accessKey())
                    .append(" AWS_SECRET_ACCESS_KEY=").append(root.secretKey())
                    .append(" AWS_DEFAULT_REGION=").append(props.region())
                    .append(" aws --endpoint-url ").append(endpoint).append(" s3 ls\n");
        }
        b.append("\n  A user with a key for one bucket (see README, \"Users, keys and accounts\"):\n")
                .append("    aws --endpoint-url ").append(endpoint).append(" iam create-user --user-name app\n")
                .append("    aws --endpoint-url ").append(endpoint).append(" iam put-user-policy --user-name app")
                .append(" --policy-name photos --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{")
                .append("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::photos\",")
                .append("\"arn:aws:s3:::photos/*\"]}]}'\n")
                .append("    aws --endpoint-url ").append(endpoint).append(" iam create-access-key --user-name app\n");
        log.info(b.toString());
    }
}
