package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events are written by the change's own command, exactly when it commits, and leave by command 66. */
class OutboxTest {
    private static final String REDIS = "arn:coffer:sqs::r:redis";
    private static final String HOOK = "arn:coffer:sqs::w:webhook";

    @TempDir
    Path dir;

    private static void configure(Catalog catalog, String bucket) {
        catalog.setBucketConfig(bucket, NotificationConfig.CONFIG_NAME, new NotificationConfig(List.of(
                new NotificationConfig.Rule("images", NotificationConfig.Element.QUEUE, REDIS,
                        List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"), "images/", ".jpg"),
                new NotificationConfig.Rule("gone", NotificationConfig.Element.TOPIC, HOOK,
                        List.of("s3:ObjectRemoved:DeleteMarkerCreated", "s3:LifecycleExpiration:*"), null, null)))
                .encode());
    }

    private static List<String> names(Catalog catalog, String target) {
        return catalog.events().pending(target, 100).stream().map(e -> e.eventName() + " " + e.objectKey()).toList();
    }

    @Test
    void aMatchingChangeWritesItsEventAndOthersWriteNone() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "images/before.jpg", Records.chunked("e0", "c0"), WriteCondition.NONE);
            configure(catalog, "b");
            catalog.versions().publish("b", "images/a.jpg", Records.chunked("e1", "c1"), WriteCondition.NONE,
                    new EventOrigin("Copy", "AIDAX", "10.0.0.1", "req-1"));
            catalog.putObject("b", "images/a.png", Records.chunked("e2", "c2"), WriteCondition.NONE);
            catalog.putObject("b", "docs/a.jpg", Records.chunked("e3", "c3"), WriteCondition.NONE);
            catalog.deleteObject("b", "images/a.jpg");
            catalog.deleteObject("b", "images/never.jpg"); // nothing removed: no event
            assertEquals(List.of("ObjectCreated:Copy images/a.jpg", "ObjectRemoved:Delete images/a.jpg"),
                    names(catalog, REDIS));
            assertEquals(List.of(REDIS), catalog.events().targets());
            NotificationEvent created = catalog.events().pending(REDIS, 1).get(0);
            assertEquals("images", created.ruleId());
            assertEquals("e1", created.etag());
            assertEquals(new EventOrigin("Copy", "AIDAX", "10.0.0.1", "req-1"), created.origin());
            assertNull(created.versionId(), "unversioned");
            assertEquals(16, created.sequencer().length());
        }
    }

    @Test
    void aRefusedChangeWritesNoEvent() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            configure(catalog, "b");
            catalog.putObject("b", "images/a.jpg", Records.chunked("e1", "c1"), WriteCondition.NONE);
            assertThrows(ConditionalWriteConflict.class, () -> catalog.putObject("b", "images/a.jpg",
                    Records.chunked("e2", "c2"), new WriteCondition.IfAbsent()));
            assertEquals(List.of("ObjectCreated:Put images/a.jpg"), names(catalog, REDIS));
        }
    }

    @Test
    void versionedDeletesMakeDeleteMarkerEventsWithOrderedSequencers() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.versions().setVersioning("b", Versioning.ENABLED);
            configure(catalog, "b");
            ObjectVersion v1 = catalog.versions().publish("b", "images/a.jpg", Records.chunked("e1", "c1"),
                    WriteCondition.NONE);
            ObjectVersion v2 = catalog.versions().publish("b", "images/a.jpg", Records.chunked("e2", "c2"),
                    WriteCondition.NONE);
            DeleteOutcome marker = catalog.versions().deleteLatest("b", "images/a.jpg");
            catalog.versions().deleteVersion("b", "images/a.jpg", v1.record().versionId());
            List<NotificationEvent> redis = catalog.events().pending(REDIS, 100);
            assertEquals(List.of("ObjectCreated:Put", "ObjectCreated:Put", "ObjectRemoved:DeleteMarkerCreated",
                    "ObjectRemoved:Delete"), redis.stream().map(NotificationEvent::eventName).toList());
            assertEquals(v2.record().versionId(), redis.get(1).versionId());
            assertEquals(marker.versionId(), redis.get(2).versionId());
            assertTrue(redis.get(0).sequencer().compareTo(redis.get(1).sequencer()) < 0);
            assertTrue(redis.get(1).sequencer().compareTo(redis.get(2).sequencer()) < 0);
            assertEquals(List.of("ObjectRemoved:DeleteMarkerCreated images/a.jpg"), names(catalog, HOOK));
        }
    }

    @Test
    void lifecycleExpirationIsItsOwnEvent() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            configure(catalog, "b");
            ObjectRecord r = Records.chunked("e1", "c1");
            catalog.putObject("b", "x", r, WriteCondition.NONE);
            catalog.expireCurrent("b", "x", null, r.lastModifiedMillis());
            assertEquals(List.of("LifecycleExpiration:Delete x"), names(catalog, HOOK));
        }
    }

    @Test
    void aVersionLifecycleRemovesIsALifecycleExpirationDeleteNotAnObjectRemoved() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.versions().setVersioning("b", Versioning.ENABLED);
            configure(catalog, "b");
            ObjectVersion old = catalog.versions().publish("b", "images/a.jpg", Records.chunked("e1", "c1"),
                    WriteCondition.NONE);
            catalog.versions().publish("b", "images/a.jpg", Records.chunked("e2", "c2"), WriteCondition.NONE);
            catalog.versions().deleteVersion("b", "images/a.jpg", old.record().versionId(), EventOrigin.LIFECYCLE);
            assertEquals(List.of("LifecycleExpiration:Delete images/a.jpg"), names(catalog, HOOK));
            assertEquals(List.of("ObjectCreated:Put images/a.jpg", "ObjectCreated:Put images/a.jpg"),
                    names(catalog, REDIS), "an ObjectRemoved:* rule hears nothing of it");
            assertEquals(old.record().versionId(), catalog.events().pending(HOOK, 1).get(0).versionId());
        }
    }

    @Test
    void completedEventsLeaveAndNewOnesSortAfterThoseLeftAcrossARestart() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            configure(catalog, "b");
            for (int i = 0; i < 3; i++) {
                catalog.putObject("b", "images/" + i + ".jpg", Records.chunked("e" + i, "c" + i), WriteCondition.NONE);
            }
            List<NotificationEvent> first = catalog.events().pending(REDIS, 1);
            catalog.events().complete(first.stream().map(NotificationEvent::key).toList());
            assertEquals(2, catalog.events().count(REDIS, 100));
        }
        try (Catalog catalog = Catalog.open(dir, true)) { // no GC entry left: sequences restart from the outbox's
            catalog.putObject("b", "images/9.jpg", Records.chunked("e9", "c9"), WriteCondition.NONE);
            assertEquals(List.of("ObjectCreated:Put images/1.jpg", "ObjectCreated:Put images/2.jpg",
                    "ObjectCreated:Put images/9.jpg"), names(catalog, REDIS));
        }
    }

    @Test
    void aRequestedCommandRoundTripsThroughItsEncoding() {
        CatalogCommand.Choice c = new CatalogCommand.Choice(7, 8, 9, 10);
        CatalogCommand command = new CatalogCommand.Requested(new CatalogCommand.DeleteObject(c, "b", "k"),
                new EventOrigin(null, "p", "::1", "r"));
        assertEquals(command, CommandCodec.decode(CommandCodec.encode(command)));
        CatalogCommand done = new CatalogCommand.CompleteEvents(c, List.of(new NotificationEvent.Key(REDIS, 1, -2, 3)));
        assertEquals(done, CommandCodec.decode(CommandCodec.encode(done)));
    }
}
