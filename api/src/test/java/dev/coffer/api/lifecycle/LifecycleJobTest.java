package dev.coffer.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.jobs.Job;
import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.UploadRecord;
import dev.coffer.metadata.VersionsPage;
import dev.coffer.metadata.VersionsQuery;
import dev.coffer.metadata.Versioning;
import dev.coffer.metadata.WriteCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleJobTest {
    private static final long DAY = 1000; // a one-second "day"

    @TempDir
    Path dir;

    Catalog catalog;
    LifecycleConfigs configs;
    LifecycleJob job;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        configs = new LifecycleConfigs(catalog, new S3Xml());
        job = new LifecycleJob(catalog, configs, new LifecycleClock(DAY), Duration.ofSeconds(1));
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private void rules(String xml) {
        configs.store("b", new S3Xml().read(("<LifecycleConfiguration>" + xml + "</LifecycleConfiguration>")
                .getBytes(StandardCharsets.UTF_8), LifecycleConfiguration.class));
    }

    private static ObjectRecord body(String etag, long lastModified) {
        return ObjectRecord.ofBody(1, etag, lastModified, Map.of(), Map.of(), Map.of(), new byte[] {1}, List.of());
    }

    private long pass() throws Exception {
        long done = 0;
        for (Job.Step s = job.step(); ; s = job.step()) {
            done += s.done();
            if (!s.more()) return done;
        }
    }

    private List<VersionsPage.Entry> versions() {
        return catalog.versions().list(new VersionsQuery("b", "", null, null, null, 1000)).versions();
    }

    @Test
    void expirationRemovesOnlyDueObjectsUnderThePrefix() throws Exception {
        long old = System.currentTimeMillis() - 10 * DAY;
        catalog.putObject("b", "tmp/old", body("1", old), WriteCondition.NONE);
        catalog.putObject("b", "tmp/new", body("2", System.currentTimeMillis() + 10 * DAY), WriteCondition.NONE);
        catalog.putObject("b", "keep/old", body("3", old), WriteCondition.NONE);
        rules("<Rule><ID>r</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
        assertThat(pass()).isEqualTo(1);
        assertThat(catalog.getObject("b", "tmp/old")).isEmpty();
        assertThat(catalog.getObject("b", "tmp/new")).isPresent();
        assertThat(catalog.getObject("b", "keep/old")).isPresent();
        assertThat(catalog.jobCursors().get("lifecycle")).as("the pass ended").isEmpty();
    }

    @Test
    void noncurrentVersionsCountFromTheirSuccessorAndKeepTheNewerOnesAsked() throws Exception {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        long t = System.currentTimeMillis() - 20 * DAY;
        for (int i = 0; i < 5; i++) catalog.versions().publish("b", "k", body("v" + i, t + i * DAY), WriteCondition.NONE);
        rules("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
                + "<NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration></Rule>");
        assertThat(pass()).isEqualTo(2);
        assertThat(versions()).extracting(e -> e.record().etag()).containsExactly("v4", "v3", "v2");
        assertThat(pass()).as("a second pass finds nothing more").isZero();
    }

    @Test
    void aLoneDeleteMarkerGoesAndOneWithVersionsBehindStays() throws Exception {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        String v = catalog.versions().publish("b", "alone", body("a", 1), WriteCondition.NONE).record().versionId();
        catalog.versions().deleteLatest("b", "alone");
        catalog.versions().deleteVersion("b", "alone", v);
        catalog.versions().publish("b", "behind", body("b", 1), WriteCondition.NONE);
        catalog.versions().deleteLatest("b", "behind");
        rules("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>");
        assertThat(pass()).isEqualTo(1);
        assertThat(versions()).extracting(VersionsPage.Entry::key).containsExactly("behind", "behind");
    }

    @Test
    void staleUploadsAreAbortedAndFreshOnesKept() throws Exception {
        long old = System.currentTimeMillis() - 10 * DAY;
        catalog.uploads().create(new UploadRecord("b", "u/old", "0000000000000000000000000000000a", old, Map.of(), Map.of(),
                null, null, "STANDARD", "o"));
        catalog.uploads().create(new UploadRecord("b", "u/new", "0000000000000000000000000000000b",
                System.currentTimeMillis() + 10 * DAY, Map.of(), Map.of(), null, null, "STANDARD", "o"));
        rules("<Rule><ID>r</ID><Filter><Prefix>u/</Prefix></Filter><Status>Enabled</Status>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
        assertThat(pass()).isEqualTo(1);
        assertThat(catalog.uploads().get("b", "u/old", "0000000000000000000000000000000a")).isEmpty();
        assertThat(catalog.uploads().get("b", "u/new", "0000000000000000000000000000000b")).isPresent();
    }

    @Test
    void aPassResumesFromItsCursorWithoutRepeatingAnExpiration() throws Exception {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        long old = System.currentTimeMillis() - 10 * DAY;
        for (int i = 0; i < LifecycleJob.PAGE + 500; i++) {
            catalog.versions().publish("b", String.format("k%05d", i), body("e", old), WriteCondition.NONE);
        }
        rules("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
        Job.Step first = job.step();
        assertThat(first.done()).isEqualTo(LifecycleJob.PAGE);
        assertThat(first.more()).isTrue();
        // A new job (a restarted server) carries on from the recorded cursor.
        job = new LifecycleJob(catalog, configs, new LifecycleClock(DAY), Duration.ofSeconds(1));
        assertThat(pass()).isEqualTo(500);
        List<VersionsPage.Entry> all = catalog.versions().list(new VersionsQuery("b", "", null, null, null, 1000)).versions();
        assertThat(all.stream().filter(e -> e.record().deleteMarker()).count()).isEqualTo(500); // first page of 1000 entries
        assertThat(pass()).as("nothing is expired twice").isZero();
    }
}
