package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bucket configurations and version attributes: set, read, removed, refused, gone with the bucket. */
class AttributesAndConfigsTest {
    @TempDir
    Path dir;

    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aBucketCreatedWithItsConfigurationsHasThemFromItsFirstCommand() {
        java.util.TreeMap<String, byte[]> configs = new java.util.TreeMap<>();
        configs.put("ownership", bytes("o"));
        configs.put("acl", bytes("a"));
        catalog.createBucket(Records.bucket("c"), configs);
        assertArrayEquals(bytes("o"), catalog.bucketConfig("c", "ownership").orElseThrow());
        assertArrayEquals(bytes("a"), catalog.bucketConfig("c", "acl").orElseThrow());
        configs.put("cors", bytes("x"));
        assertThrows(BucketExistsException.class, () -> catalog.createBucket(Records.bucket("c"), configs));
        assertFalse(catalog.bucketConfig("c", "cors").isPresent());
        CatalogCommand.CreateBucket command = new CatalogCommand.CreateBucket(
                new CatalogCommand.Choice(1, 2, 3, 4), Records.bucket("d"), configs);
        byte[] encoded = CommandCodec.encode(command);
        assertEquals(CommandCodec.CREATE_BUCKET_WITH_CONFIGS, encoded[1]);
        assertEquals(java.util.List.of("acl", "cors", "ownership"),
                java.util.List.copyOf(((CatalogCommand.CreateBucket) CommandCodec.decode(encoded)).configs().keySet()));
        assertEquals(CommandCodec.CREATE_BUCKET, CommandCodec.encode(new CatalogCommand.CreateBucket(
                new CatalogCommand.Choice(1, 2, 3, 4), Records.bucket("d")))[1]);
    }

    @Test
    void bucketConfigIsSetReplacedRemovedAndSurvivesReopening() {
        assertFalse(catalog.bucketConfig("b", "cors").isPresent());
        catalog.setBucketConfig("b", "cors", bytes("one"));
        catalog.setBucketConfig("b", "cors", bytes("two"));
        catalog.setBucketConfig("b", "tagging", bytes("t"));
        catalog.close();
        catalog = Catalog.open(dir, false);
        assertArrayEquals(bytes("two"), catalog.bucketConfig("b", "cors").orElseThrow());
        catalog.setBucketConfig("b", "cors", null);
        assertFalse(catalog.bucketConfig("b", "cors").isPresent());
        assertArrayEquals(bytes("t"), catalog.bucketConfig("b", "tagging").orElseThrow());
    }

    @Test
    void configOfMissingBucketIsRefusedAndDeletingTheBucketRemovesItsConfigs() {
        assertThrows(NoSuchBucketException.class, () -> catalog.setBucketConfig("nope", "cors", bytes("x")));
        catalog.createBucket(Records.bucket("b2"));
        catalog.setBucketConfig("b", "policy", bytes("p"));
        catalog.setBucketConfig("b2", "policy", bytes("q"));
        catalog.deleteBucket("b");
        catalog.createBucket(Records.bucket("b"));
        assertFalse(catalog.bucketConfig("b", "policy").isPresent(), "a new bucket of the name starts bare");
        assertArrayEquals(bytes("q"), catalog.bucketConfig("b2", "policy").orElseThrow(), "a neighbour keeps its own");
    }

    @Test
    void attributeOfTheCurrentVersionIsSetInPlaceKeepingBytesAndTime() {
        catalog.putObject("b", "k", Records.inline("e1", "hello"), WriteCondition.NONE);
        assertNull(catalog.setObjectAttribute("b", "k", null, "tags", bytes("a=1")));
        ObjectRecord r = catalog.getObject("b", "k").orElseThrow();
        assertArrayEquals(bytes("a=1"), r.attribute("tags").orElseThrow());
        assertEquals("e1", r.etag());
        assertEquals(1_000L, r.lastModifiedMillis());
        catalog.setObjectAttribute("b", "k", "null", "tags", null);
        assertFalse(catalog.getObject("b", "k").orElseThrow().attribute("tags").isPresent());
        assertThrows(NoSuchKeyException.class, () -> catalog.setObjectAttribute("b", "missing", null, "tags", bytes("x")));
        assertThrows(NoSuchBucketException.class, () -> catalog.setObjectAttribute("nope", "k", null, "tags", bytes("x")));
    }

    @Test
    void attributeOfAnOlderVersionChangesThatVersionOnly() {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        String v1 = catalog.versions().publish("b", "k", Records.inline("e1", "one"), WriteCondition.NONE)
                .reportedVersionId();
        String v2 = catalog.versions().publish("b", "k", Records.inline("e2", "two"), WriteCondition.NONE)
                .reportedVersionId();
        assertEquals(v1, catalog.setObjectAttribute("b", "k", v1, "tags", bytes("old")));
        assertArrayEquals(bytes("old"), catalog.versions().find("b", "k", v1).orElseThrow().record()
                .attribute("tags").orElseThrow());
        assertFalse(catalog.versions().find("b", "k", v2).orElseThrow().record().attribute("tags").isPresent());
        assertThrows(NoSuchVersionException.class, () -> catalog.setObjectAttribute("b", "k", "not-an-id", "tags", bytes("x")));
        String marker = catalog.versions().deleteLatest("b", "k").versionId();
        assertThrows(DeleteMarkerRefusal.class, () -> catalog.setObjectAttribute("b", "k", marker, "tags", bytes("x")));
        assertThrows(NoSuchKeyException.class, () -> catalog.setObjectAttribute("b", "k", null, "tags", bytes("x")),
                "the latest is a delete marker: no current version");
    }
}
