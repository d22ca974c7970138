package dev.coffer.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules are kept in memory between reads and dropped when a command changes the bucket, however
 * that command came (through {@link LifecycleConfigs}, straight to the catalogue, from a log).
 */
class LifecycleConfigsTest {
    @TempDir
    Path dir;

    Catalog catalog;
    LifecycleConfigs configs;
    final S3Xml xml = new S3Xml();

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        configs = new LifecycleConfigs(catalog, xml);
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private static byte[] document(String id, int days) {
        return ("<LifecycleConfiguration><Rule><ID>" + id + "</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>" + days + "</Days></Expiration></Rule></LifecycleConfiguration>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<String> ids() {
        return configs.rules("b").stream().map(LifecycleRule::id).toList();
    }

    @Test
    void rulesAreReadOnceAndKeptUntilTheBucketChanges() {
        assertThat(configs.rules("b")).isEmpty();
        configs.store("b", xml.read(document("one", 1), LifecycleConfiguration.class));
        List<LifecycleRule> first = configs.rules("b");
        assertThat(configs.rules("b")).isSameAs(first);
        assertThat(ids()).containsExactly("one");
    }

    @Test
    void aConfigurationWrittenStraightToTheCatalogueIsSeenAtOnce() {
        assertThat(ids()).isEmpty();
        catalog.setBucketConfig("b", LifecycleConfigs.NAME, document("two", 2));
        assertThat(ids()).containsExactly("two");
        catalog.setBucketConfig("b", LifecycleConfigs.NAME, null);
        assertThat(ids()).isEmpty();
    }

    @Test
    void aBucketDeletedAndMadeAgainHasNoRules() {
        configs.store("b", xml.read(document("old", 1), LifecycleConfiguration.class));
        assertThat(ids()).containsExactly("old");
        catalog.deleteBucket("b");
        catalog.createBucket(new BucketRecord("b", 2, "us-east-1", "o"));
        assertThat(ids()).isEmpty();
    }

    @Test
    void aChangeAppliedFromALogDropsTheKeptRules() {
        assertThat(ids()).isEmpty();
        long[] index = {0};
        catalog.appendCommandsTo(command -> catalog.replica().apply(command,
                new dev.coffer.metadata.AppliedIndex(1, ++index[0])));
        catalog.setBucketConfig("b", LifecycleConfigs.NAME, document("logged", 3));
        assertThat(ids()).containsExactly("logged");
    }
}
