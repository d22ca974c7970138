package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object Lock as the applier enforces it: every refusal comes from the command, compared with the
 * command's own time, so a lifecycle job or a replayed log meets the same rules as a request.
 */
class ObjectLockTest {
    private static final long T = 1_800_000_000_000L;

    @TempDir
    Path dir;

    Catalog catalog;
    long sequence = 1_000;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(BucketRecord.lockEnabled("locked", 1L, "us-east-1", "o"));
        catalog.createBucket(Records.bucket("plain"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private CatalogCommand.Choice at(long millis) {
        sequence++;
        return new CatalogCommand.Choice(sequence, millis, (millis << VersionIds.COUNTER_BITS) + sequence, sequence);
    }

    /** Puts a version carrying {@code attributes} at time T; its version id. */
    private String put(String key, Map<String, byte[]> attributes) {
        ObjectRecord record = Records.inline("e", "body").withAttributes(attributes);
        ObjectWriter.Result r = (ObjectWriter.Result) catalog.submit(
                new CatalogCommand.PutObject(at(T), "locked", key, record, WriteCondition.NONE));
        return r.published().record().versionId();
    }

    private static Map<String, byte[]> retention(RetentionMode mode, long until) {
        return Map.of(Retention.ATTRIBUTE, new Retention(mode, until).encode());
    }

    private void deleteVersion(String key, String versionId, long millis, boolean bypass) {
        catalog.submit(new CatalogCommand.DeleteVersion(at(millis), "locked", key, versionId, bypass));
    }

    private void setRetention(String key, String versionId, Retention r, long millis, boolean bypass) {
        catalog.submit(new CatalogCommand.SetObjectAttribute(at(millis), "locked", key, versionId, Retention.ATTRIBUTE,
                r == null ? null : r.encode(), bypass));
    }

    private boolean exists(String key, String versionId) {
        return catalog.versions().find("locked", key, versionId).isPresent();
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndKeepsItsVersioning() {
        BucketRecord b = catalog.requireBucket("locked");
        assertTrue(b.objectLock());
        assertEquals(Versioning.ENABLED, b.versioning());
        ObjectLockStateException e = assertThrows(ObjectLockStateException.class,
                () -> catalog.versions().setVersioning("locked", Versioning.SUSPENDED));
        assertEquals(ObjectLockStateException.Problem.LOCK_KEEPS_VERSIONING, e.problem());
        catalog.versions().setVersioning("locked", Versioning.ENABLED); // no change, allowed
    }

    @Test
    void objectLockIsEnabledOnAnExistingBucketOnlyWhileItsVersioningIsEnabled() {
        ObjectLockStateException e = assertThrows(ObjectLockStateException.class,
                () -> catalog.versions().setObjectLockConfiguration("plain", null));
        assertEquals(ObjectLockStateException.Problem.VERSIONING_NOT_ENABLED, e.problem());
        catalog.versions().setVersioning("plain", Versioning.SUSPENDED);
        assertThrows(ObjectLockStateException.class, () -> catalog.versions().setObjectLockConfiguration("plain", null));
        catalog.versions().setVersioning("plain", Versioning.ENABLED);
        DefaultRetention rule = new DefaultRetention(RetentionMode.GOVERNANCE, 0, 2);
        catalog.versions().setObjectLockConfiguration("plain", rule);
        assertEquals(rule, catalog.requireBucket("plain").defaultRetention());
        assertThrows(ObjectLockStateException.class, () -> catalog.versions().setVersioning("plain", Versioning.SUSPENDED));
        catalog.versions().setObjectLockConfiguration("plain", null); // the rule goes, the lock stays
        assertTrue(catalog.requireBucket("plain").objectLock());
        assertEquals(null, catalog.requireBucket("plain").defaultRetention());
    }

    @Test
    void aRetentionOrLegalHoldIsRefusedInABucketWithoutObjectLock() {
        ObjectRecord record = Records.inline("e", "x").withAttributes(Map.of(LegalHold.ATTRIBUTE, LegalHold.encode(false)));
        assertThrows(ObjectLockStateException.class, () -> catalog.putObject("plain", "k", record, WriteCondition.NONE));
        catalog.putObject("plain", "k", Records.inline("e", "x"), WriteCondition.NONE);
        assertThrows(ObjectLockStateException.class, () -> catalog.submit(new CatalogCommand.SetObjectAttribute(at(T),
                "plain", "k", null, Retention.ATTRIBUTE, new Retention(RetentionMode.GOVERNANCE, T + 1).encode(), false)));
        assertThrows(ObjectLockStateException.class, () -> catalog.submit(new CatalogCommand.SetObjectAttribute(at(T),
                "plain", "k", null, LegalHold.ATTRIBUTE, LegalHold.encode(true), false)));
        assertThrows(ObjectLockStateException.class, () -> catalog.uploads().create(new UploadRecord("plain", "u",
                UploadIds.next(T), T, Map.of(), Map.of(), null, null, "STANDARD", "o",
                retention(RetentionMode.COMPLIANCE, T + 1))));
    }

    @Test
    void governanceRefusesDeletionUntilItsDateUnlessBypassed() {
        String v = put("k", retention(RetentionMode.GOVERNANCE, T + 1000));
        ObjectLockedException e = assertThrows(ObjectLockedException.class, () -> deleteVersion("k", v, T + 999, false));
        assertEquals(ObjectLockedException.Protection.GOVERNANCE, e.protection());
        assertEquals(v, e.versionId());
        assertTrue(exists("k", v));
        deleteVersion("k", v, T + 999, true);
        assertFalse(exists("k", v));

        String w = put("k", retention(RetentionMode.GOVERNANCE, T + 1000));
        deleteVersion("k", w, T + 1000, false); // its date has come: the command's time, not the clock's
        assertFalse(exists("k", w));
    }

    @Test
    void complianceRefusesDeletionUntilItsDateEvenWithABypass() {
        String v = put("k", retention(RetentionMode.COMPLIANCE, T + 1000));
        ObjectLockedException e = assertThrows(ObjectLockedException.class, () -> deleteVersion("k", v, T + 999, true));
        assertEquals(ObjectLockedException.Protection.COMPLIANCE, e.protection());
        assertTrue(exists("k", v));
        deleteVersion("k", v, T + 1001, false);
        assertFalse(exists("k", v));
    }

    @Test
    void aLegalHoldRefusesDeletionWhateverTheRetentionAndTheBypass() {
        String v = put("k", Map.of(LegalHold.ATTRIBUTE, LegalHold.encode(true),
                Retention.ATTRIBUTE, new Retention(RetentionMode.GOVERNANCE, T + 10).encode()));
        ObjectLockedException e = assertThrows(ObjectLockedException.class, () -> deleteVersion("k", v, T + 1_000_000, true));
        assertEquals(ObjectLockedException.Protection.LEGAL_HOLD, e.protection());
        catalog.submit(new CatalogCommand.SetObjectAttribute(at(T), "locked", "k", v, LegalHold.ATTRIBUTE,
                LegalHold.encode(false), false));
        deleteVersion("k", v, T + 11, false);
        assertFalse(exists("k", v));
    }

    @Test
    void aDeleteWithoutVersionIdAddsAMarkerAndTheLockedVersionStays() {
        String v = put("k", retention(RetentionMode.COMPLIANCE, T + 1000));
        DeleteOutcome marker = (DeleteOutcome) catalog.submit(new CatalogCommand.DeleteObject(at(T + 1), "locked", "k"));
        assertTrue(marker.deleteMarker());
        assertTrue(exists("k", v));
        deleteVersion("k", marker.versionId(), T + 2, false); // markers carry no lock
        assertEquals(v, catalog.requireObject("locked", "k").versionId());
    }

    @Test
    void complianceCanBeExtendedButNeverShortenedRemovedOrWeakened() {
        String v = put("k", retention(RetentionMode.COMPLIANCE, T + 1000));
        setRetention("k", v, new Retention(RetentionMode.COMPLIANCE, T + 2000), T, false);
        assertThrows(ObjectLockedException.class,
                () -> setRetention("k", v, new Retention(RetentionMode.COMPLIANCE, T + 1500), T, true));
        assertThrows(ObjectLockedException.class,
                () -> setRetention("k", v, new Retention(RetentionMode.GOVERNANCE, T + 3000), T, true));
        assertThrows(ObjectLockedException.class, () -> setRetention("k", v, null, T, true));
        assertEquals(new Retention(RetentionMode.COMPLIANCE, T + 2000),
                ObjectLockRules.retention(catalog.versions().find("locked", "k", v).orElseThrow().record()));
        setRetention("k", v, null, T + 2001, false); // once passed, it protects nothing
    }

    @Test
    void governanceCanBeTightenedByAnyoneAndLoosenedOnlyWithABypass() {
        String v = put("k", retention(RetentionMode.GOVERNANCE, T + 1000));
        setRetention("k", v, new Retention(RetentionMode.GOVERNANCE, T + 2000), T, false);
        assertThrows(ObjectLockedException.class,
                () -> setRetention("k", v, new Retention(RetentionMode.GOVERNANCE, T + 1500), T, false));
        assertThrows(ObjectLockedException.class, () -> setRetention("k", v, null, T, false));
        setRetention("k", v, new Retention(RetentionMode.GOVERNANCE, T + 1500), T, true);
        setRetention("k", v, null, T, true);
        assertFalse(catalog.versions().find("locked", "k", v).orElseThrow().record().attributes()
                .containsKey(Retention.ATTRIBUTE));
        String w = put("w", retention(RetentionMode.GOVERNANCE, T + 1000));
        setRetention("w", w, new Retention(RetentionMode.COMPLIANCE, T + 1000), T, false); // a tightening
        assertThrows(ObjectLockedException.class, () -> deleteVersion("w", w, T, true));
    }

    @Test
    void aRefusedCommandWritesNothing() {
        String v = put("k", retention(RetentionMode.COMPLIANCE, T + 1000));
        List<String> before = catalog.dump();
        assertThrows(ObjectLockedException.class, () -> deleteVersion("k", v, T, true));
        assertThrows(ObjectLockedException.class, () -> setRetention("k", v, null, T, true));
        assertThrows(ObjectLockStateException.class, () -> catalog.versions().setVersioning("locked", Versioning.SUSPENDED));
        assertEquals(before, catalog.dump());
    }

    @Test
    void locksSurviveReopeningTheCatalogue() {
        String v = put("k", retention(RetentionMode.COMPLIANCE, T + 1000));
        catalog.versions().setObjectLockConfiguration("locked", new DefaultRetention(RetentionMode.COMPLIANCE, 3, 0));
        catalog.close();
        catalog = Catalog.open(dir, false);
        assertEquals(new DefaultRetention(RetentionMode.COMPLIANCE, 3, 0), catalog.requireBucket("locked").defaultRetention());
        assertThrows(ObjectLockedException.class, () -> deleteVersion("k", v, T + 999, true));
    }

    @Test
    void bucketRecordsOfEveryFormatRead() {
        BucketRecord locked = BucketRecord.lockEnabled("b", 5, "eu-west-1", "o")
                .withObjectLock(new DefaultRetention(RetentionMode.GOVERNANCE, 0, 7));
        assertEquals(locked, ValueCodecs.BUCKET.decode(ValueCodecs.BUCKET.encode(locked)));
        BucketRecord plain = new BucketRecord("b", 5, null, "o", Versioning.SUSPENDED);
        assertEquals(plain, ValueCodecs.BUCKET.decode(ValueCodecs.BUCKET.encode(plain)));
        byte[] v3 = ValueCodecs.BUCKET.encode(plain);
        byte[] v2 = java.util.Arrays.copyOf(v3, v3.length - 4); // format 2: no lock fields
        v2[0] = 2;
        assertEquals(plain, ValueCodecs.BUCKET.decode(v2));
        assertEquals(new Retention(RetentionMode.COMPLIANCE, -5), Retention.decode(new Retention(RetentionMode.COMPLIANCE, -5).encode()));
        assertThrows(MetadataException.class, () -> Retention.decode(new byte[] {1, 3, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertTrue(LegalHold.decode(LegalHold.encode(true)));
    }
}
