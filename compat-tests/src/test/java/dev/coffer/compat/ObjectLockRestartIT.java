package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.crash.KillableServer;
import dev.coffer.compat.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * Locks outlive the process: {@code java -jar coffer-exec.jar} is killed with SIGKILL right after
 * the locks were set, started again on the same data directory, then killed again and started on
 * a copy of that directory (a restore from a backup of it). Each time every lock still refuses
 * what it refused before, and the bucket's Object Lock configuration is the same.
 */
class ObjectLockRestartIT {
    private static final String BUCKET = "vault";

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("coffer-lock-it-");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The ids of the three locked versions. */
    private record Locked(String governance, String compliance, String held) {}

    @Test
    @Timeout(240)
    void killNineAndARestoreFromACopyOfTheDataDirectoryKeepEveryLock() throws Exception {
        Tools.require(Files.isRegularFile(KillableServer.JAR), "the packaged server " + KillableServer.JAR.toAbsolutePath(),
                "mvn verify packages it before the ITs; alone: mvn -DskipTests package");
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Locked locked;
        try (KillableServer server = KillableServer.start(data, log); S3Client s3 = server.client()) {
            locked = lock(s3);
            assertHolds(s3, locked);
            server.killNow(); // at once: the answers above were the only warning the process had
        }
        try (KillableServer server = KillableServer.start(data, log); S3Client s3 = server.client()) {
            assertHolds(s3, locked);
            server.killNow();
        }
        Path copy = dir.resolve("restored");
        copyTree(data, copy);
        try (KillableServer server = KillableServer.start(copy, log); S3Client s3 = server.client()) {
            assertHolds(s3, locked);
        }
    }

    private static Locked lock(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
        s3.putObjectLockConfiguration(b -> b.bucket(BUCKET).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(3)))));
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS);
        String governance = s3.putObject(b -> b.bucket(BUCKET).key("gov").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(until), RequestBody.fromString("g")).versionId();
        String compliance = s3.putObject(b -> b.bucket(BUCKET).key("default"), RequestBody.fromString("c")).versionId();
        String held = s3.putObject(b -> b.bucket(BUCKET).key("held").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(Instant.now().plusSeconds(1)), RequestBody.fromString("h")).versionId();
        s3.putObjectLegalHold(b -> b.bucket(BUCKET).key("held").versionId(held)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        return new Locked(governance, compliance, held);
    }

    private static void assertHolds(S3Client s3, Locked locked) {
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(BUCKET).key("gov").versionId(locked.governance())));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(BUCKET).key("default")
                .versionId(locked.compliance()).bypassGovernanceRetention(true)));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(BUCKET).key("held")
                .versionId(locked.held()).bypassGovernanceRetention(true)));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("default")).objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(s3.getObjectLegalHold(b -> b.bucket(BUCKET).key("held").versionId(locked.held())).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
        var rule = s3.getObjectLockConfiguration(b -> b.bucket(BUCKET)).objectLockConfiguration().rule().defaultRetention();
        assertThat(rule.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(rule.days()).isEqualTo(3);
        assertS3Error(409, "InvalidBucketState", () -> s3.putBucketVersioning(b -> b.bucket(BUCKET)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET)).versions()).hasSize(3);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
