package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object Lock through the aws CLI at its defaults, as a backup script would use it: a bucket
 * created with Object Lock, a default retention, uploads with lock parameters, deletions refused
 * (and bypassed in GOVERNANCE), legal holds, and versioning that cannot be suspended.
 */
@ExtendWith(CofferServerExtension.class)
class ObjectLockCliIT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // fifteen aws processes; at a load of 30 on two cores 300 s ran out at the 13th
    void anImmutableBucketRefusesDeletionUntilBypassedOrReleased() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.uniqueBucketName("cli-lock");
        aws.run("s3api", "create-bucket", "--bucket", bucket, "--object-lock-enabled-for-bucket");
        assertThat(aws.run("s3api", "get-bucket-versioning", "--bucket", bucket)).contains("\"Enabled\"");
        aws.run("s3api", "put-object-lock-configuration", "--bucket", bucket, "--object-lock-configuration",
                "{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":1}}}");
        assertThat(aws.run("s3api", "get-object-lock-configuration", "--bucket", bucket))
                .contains("\"GOVERNANCE\"").contains("\"Days\": 1");

        Path file = Files.writeString(dir.resolve("backup.tar"), "backup bytes");
        aws.run("s3", "cp", file.toString(), "s3://" + bucket + "/backup.tar");
        String v = aws.run("s3api", "head-object", "--bucket", bucket, "--key", "backup.tar",
                "--query", "[VersionId,ObjectLockMode]", "--output", "text").trim();
        assertThat(v).endsWith("GOVERNANCE");
        String version = v.split("\\s+")[0];

        assertThatThrownBy(() -> aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "backup.tar",
                "--version-id", version)).hasMessageContaining("AccessDenied");
        aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "backup.tar", "--version-id", version,
                "--bypass-governance-retention");

        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String comp = aws.run("s3api", "put-object", "--bucket", bucket, "--key", "vault.tar", "--body", file.toString(),
                "--object-lock-mode", "COMPLIANCE", "--object-lock-retain-until-date", until,
                "--query", "VersionId", "--output", "text").trim();
        assertThat(aws.run("s3api", "get-object-retention", "--bucket", bucket, "--key", "vault.tar",
                "--version-id", comp)).contains("\"COMPLIANCE\"");
        assertThatThrownBy(() -> aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "vault.tar",
                "--version-id", comp, "--bypass-governance-retention")).hasMessageContaining("AccessDenied");

        aws.run("s3api", "put-object-legal-hold", "--bucket", bucket, "--key", "vault.tar", "--version-id", comp,
                "--legal-hold", "Status=ON");
        assertThat(aws.run("s3api", "get-object-legal-hold", "--bucket", bucket, "--key", "vault.tar",
                "--version-id", comp)).contains("\"ON\"");

        assertThatThrownBy(() -> aws.run("s3api", "put-bucket-versioning", "--bucket", bucket,
                "--versioning-configuration", "Status=Suspended")).hasMessageContaining("InvalidBucketState");
        // A delete without a version id only hides the locked version behind a marker.
        aws.run("s3", "rm", "s3://" + bucket + "/vault.tar");
        Path back = dir.resolve("back.tar");
        aws.run("s3api", "get-object", "--bucket", bucket, "--key", "vault.tar", "--version-id", comp, back.toString());
        assertThat(Files.readString(back)).isEqualTo("backup bytes");
    }
}
