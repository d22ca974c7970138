package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random command sequences applied to two fresh catalogues, one of them through the binary
 * encoding, leave byte-identical RocksDB contents in every column family; a refused command
 * changes nothing and is refused the same way on both.
 */
class CommandDeterminismTest {
    private static final List<String> BUCKETS = List.of("a", "b");
    private static final List<String> KEYS = List.of("k1", "k2", "dir/k3");
    private static final int SEEDS = 12;
    private static final int COMMANDS = 250;

    @TempDir
    Path dir;

    @Test
    void randomSequencesGiveByteIdenticalCataloguesAndRefusalsChangeNothing() {
        int refusals = 0;
        int lockRefusals = 0;
        int applied = 0;
        long events = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            try (Catalog a = Catalog.open(dir.resolve(seed + "a"), false);
                    Catalog b = Catalog.open(dir.resolve(seed + "b"), false)) {
                Generator gen = new Generator(new Random(seed), a);
                for (int i = 0; i < COMMANDS; i++) {
                    CatalogCommand command = gen.next();
                    byte[] encoded = CommandCodec.encode(command);
                    CatalogCommand decoded = CommandCodec.decode(encoded);
                    assertArrayEquals(encoded, CommandCodec.encode(decoded), "the encoding round-trips: " + command);
                    List<String> before = a.dump();
                    String refusedA = apply(a, command, gen);
                    String refusedB = apply(b, decoded, null);
                    assertEquals(refusedA, refusedB, "seed " + seed + " command " + i + ": " + command);
                    if (refusedA != null) {
                        refusals++;
                        if (refusedA.startsWith("ObjectLock")) lockRefusals++;
                        assertEquals(before, a.dump(), "a refused command changes nothing: " + command);
                    } else {
                        applied++;
                    }
                }
                assertEquals(a.dump(), b.dump(), "seed " + seed);
                events += a.dump().stream().filter(row -> row.startsWith("outbox ")).count();
            }
        }
        assertTrue(refusals > 50 && applied > 1000, "exercised both paths: " + applied + " applied, " + refusals + " refused");
        assertTrue(events > 0, "changes wrote events to the outbox");
        assertTrue(lockRefusals > 20, "Object Lock refused some commands: " + lockRefusals);
    }

    /** Applies the command; the refusal's class name, or null if it applied. */
    static String apply(Catalog catalog, CatalogCommand command, Generator learner) {
        try {
            Object result = catalog.submit(command);
            if (learner != null) learner.learn(result);
            return null;
        } catch (CatalogRefusal refusal) {
            return refusal.getClass().getSimpleName();
        }
    }

    /** Commands over a small world of buckets, keys and uploads, so that they meet each other often. */
    static final class Generator {
        private final Random random;
        private final Catalog a;
        private final List<String> versionIds = new ArrayList<>(List.of("null"));
        private final List<UploadKey> uploads = new ArrayList<>();
        private long sequence;
        private long millis = 1_700_000_000_000L;

        Generator(Random random, Catalog a) {
            this.random = random;
            this.a = a;
        }

        void learn(Object result) {
            if (result instanceof ObjectWriter.Result r && r.published().record().versionId() != null) {
                versionIds.add(r.published().record().versionId());
            } else if (result instanceof DeleteOutcome d && d.versionId() != null) {
                versionIds.add(d.versionId());
            }
        }

        CatalogCommand next() {
            sequence++;
            millis += random.nextInt(3); // sometimes the same millisecond twice
            CatalogCommand.Choice c = new CatalogCommand.Choice(sequence, millis,
                    (millis << VersionIds.COUNTER_BITS) + random.nextInt(4), random.nextLong());
            String bucket = pick(BUCKETS);
            String key = pick(KEYS);
            if (random.nextInt(10) == 0) return configOrAttribute(c, bucket, key);
            if (random.nextInt(8) == 0) return objectLock(c, bucket, key);
            int roll = random.nextInt(100);
            if (roll < 4) return new CatalogCommand.CreateBucket(c, new BucketRecord(bucket, millis, "us-east-1", "o"));
            if (roll < 6) { // with its first configurations, in the one command (kind 60)
                java.util.TreeMap<String, byte[]> configs = new java.util.TreeMap<>();
                configs.put("ownership", new byte[] {1, (byte) (1 + random.nextInt(3))});
                if (random.nextBoolean()) configs.put("acl", new byte[] {1, (byte) random.nextInt(256)});
                return new CatalogCommand.CreateBucket(c, new BucketRecord(bucket, millis, "us-east-1", "o"), configs);
            }
            if (roll < 9) return new CatalogCommand.SetVersioning(c, bucket,
                    random.nextBoolean() ? Versioning.ENABLED : Versioning.SUSPENDED);
            if (roll < 11) return new CatalogCommand.DeleteBucket(c, bucket);
            if (roll < 40) return requested(new CatalogCommand.PutObject(c, bucket, key, record(c), condition(bucket, key)));
            if (roll < 47) return requested(new CatalogCommand.DeleteObject(c, bucket, key, deleteCondition(bucket, key)));
            if (roll < 49) return expire(c, bucket, key);
            if (roll < 50 && random.nextInt(3) == 0) {
                return new CatalogCommand.SetNodeDraining(c, pick(List.of("n1", "n2")), random.nextBoolean());
            }
            if (roll < 50 && random.nextInt(4) == 0) {
                return new CatalogCommand.SetNodeAddress(c, pick(List.of("n1", "n2")),
                        random.nextInt(3) == 0 ? null : "127.0.0.1:" + (9000 + random.nextInt(3)));
            }
            if (roll < 50 && random.nextInt(3) == 0) { // meets the rows of chunks that records name (c<seq>-1)
                List<List<String>> sets = List.of(List.of(), List.of("n2", "n1"), List.of("n1"), List.of("n3", "n2", "n1"));
                return new CatalogCommand.SetChunkReplicas(c, "c" + (sequence - random.nextInt(3)) + "-1", pick(sets), pick(sets));
            }
            if (roll < 50 && random.nextInt(2) == 0) {
                return new CatalogCommand.SetNotificationTarget(c, pick(List.of("red", "hook")),
                        random.nextInt(4) == 0 ? null : longBytes(random.nextLong()));
            }
            if (roll < 50) return new CatalogCommand.SetJobCursor(c, pick(List.of("sweep", "scrub")),
                    random.nextInt(4) == 0 ? null : longBytes(random.nextLong()));
            if (roll < 58) return requested(new CatalogCommand.DeleteVersion(c, bucket, key, pick(versionIds), random.nextBoolean()));
            if (roll < 64) {
                UploadKey id = new UploadKey(bucket, key, String.format("%012x", millis)
                        + HexFormat.of().formatHex(longBytes(random.nextLong())).substring(0, 20));
                uploads.add(id);
                UploadRecord upload = new UploadRecord(bucket, key, id.uploadId(), millis,
                        Map.of("content-type", "text/plain"), Map.of(), null, null, "STANDARD", "o");
                return new CatalogCommand.CreateUpload(c, random.nextBoolean() ? upload
                        : upload.withAttribute("tags", new byte[] {(byte) sequence}));
            }
            if (uploads.isEmpty()) return new CatalogCommand.DeleteObject(c, bucket, key);
            UploadKey u = pick(uploads);
            if (roll < 80) {
                int number = 1 + random.nextInt(3);
                return new CatalogCommand.PutPart(c, u.bucket(), u.key(), u.uploadId(), new PartRecord(number, 10,
                        "p" + sequence, millis, null, null, List.of(new ChunkPointer("part-" + sequence, 10))));
            }
            if (roll < 84) return new CatalogCommand.AbortUpload(c, u.bucket(), u.key(), u.uploadId());
            if (roll < 95) return requested(complete(c, u));
            if (roll < 97) { // some delivered events leave the outbox
                List<NotificationEvent.Key> done = new ArrayList<>();
                for (String target : a.events().targets()) {
                    a.events().pending(target, 1 + random.nextInt(3)).forEach(e -> done.add(e.key()));
                }
                return new CatalogCommand.CompleteEvents(c, done);
            }
            List<GcEntry> pending = a.gc().pending(Long.MAX_VALUE, 1 + random.nextInt(4));
            return new CatalogCommand.CompleteGc(c, pending);
        }

        /**
         * Object Lock's commands, and writes that meet it: lock-enabled buckets, default rules,
         * versions put with a retention (a date a few commands ahead, so some pass while the
         * run goes on) or legal hold, retentions and holds changed with and without a bypass.
         */
        private CatalogCommand objectLock(CatalogCommand.Choice c, String bucket, String key) {
            int roll = random.nextInt(6);
            if (roll == 0) return new CatalogCommand.CreateBucket(c, BucketRecord.lockEnabled(bucket, millis, "us-east-1", "o"));
            if (roll == 1) {
                DefaultRetention rule = random.nextBoolean() ? null : new DefaultRetention(mode(), 1 + random.nextInt(3), 0);
                return new CatalogCommand.SetObjectLockConfiguration(c, bucket, rule);
            }
            if (roll == 2) {
                Map<String, byte[]> lock = new java.util.TreeMap<>();
                if (random.nextBoolean()) lock.put(Retention.ATTRIBUTE, retention().encode());
                if (random.nextBoolean()) lock.put(LegalHold.ATTRIBUTE, LegalHold.encode(random.nextBoolean()));
                return new CatalogCommand.PutObject(c, bucket, key, record(c).withAttributes(lock), WriteCondition.NONE);
            }
            String versionId = random.nextInt(3) == 0 || versionIds.isEmpty() ? null : pick(versionIds);
            if (roll == 3) {
                return new CatalogCommand.SetObjectAttribute(c, bucket, key, versionId, LegalHold.ATTRIBUTE,
                        random.nextInt(4) == 0 ? null : LegalHold.encode(random.nextBoolean()), false);
            }
            return new CatalogCommand.SetObjectAttribute(c, bucket, key, versionId, Retention.ATTRIBUTE,
                    random.nextInt(4) == 0 ? null : retention().encode(), random.nextBoolean());
        }

        private RetentionMode mode() {
            return random.nextBoolean() ? RetentionMode.GOVERNANCE : RetentionMode.COMPLIANCE;
        }

        private Retention retention() {
            return new Retention(mode(), millis + random.nextInt(40));
        }

        /** A bucket configuration set or removed, or an attribute of some version set or removed. */
        private CatalogCommand configOrAttribute(CatalogCommand.Choice c, String bucket, String key) {
            byte[] value = random.nextInt(4) == 0 ? null : new byte[] {(byte) sequence, 1};
            String name = random.nextBoolean() ? "tags" : "lock";
            if (random.nextInt(3) == 0) { // events from here on: every change that matches writes one
                return new CatalogCommand.SetBucketConfig(c, bucket, NotificationConfig.CONFIG_NAME,
                        random.nextInt(4) == 0 ? null : notification().encode());
            }
            if (random.nextBoolean()) return new CatalogCommand.SetBucketConfig(c, bucket, name, value);
            String versionId = random.nextInt(3) == 0 || versionIds.isEmpty() ? null : pick(versionIds);
            return new CatalogCommand.SetObjectAttribute(c, bucket, key, versionId, name, value);
        }

        /** Rules over some keys and events, to two targets. */
        private NotificationConfig notification() {
            return new NotificationConfig(List.of(
                    new NotificationConfig.Rule("created", NotificationConfig.Element.QUEUE, "arn:coffer:sqs::r:redis",
                            List.of("s3:ObjectCreated:*", "s3:LifecycleExpiration:*"), pick(KEYS).substring(0, 1), null),
                    new NotificationConfig.Rule("removed", NotificationConfig.Element.TOPIC, "arn:coffer:sqs::w:webhook",
                            List.of("s3:ObjectRemoved:*"), null, null)));
        }

        /** Sometimes the command as a request made it (kind 65), naming its API and caller. */
        private CatalogCommand requested(CatalogCommand command) {
            if (random.nextBoolean()) return command;
            return new CatalogCommand.Requested(command, new EventOrigin(pick(List.of("Put", "Post", "Copy")),
                    "AIDA" + sequence, "127.0.0." + random.nextInt(9), "req-" + sequence));
        }

        /** Expires the key's current version as read now, or (sometimes) one it no longer has. */
        private CatalogCommand expire(CatalogCommand.Choice c, String bucket, String key) {
            ObjectRecord current = null;
            try {
                current = a.getObject(bucket, key).orElse(null);
            } catch (RuntimeException e) {
                // no such bucket: refused alike
            }
            if (current == null || random.nextInt(4) == 0) {
                return new CatalogCommand.ExpireCurrent(c, bucket, key, null, c.millis());
            }
            return new CatalogCommand.ExpireCurrent(c, bucket, key, current.versionId(), current.lastModifiedMillis());
        }

        /** Completes with the parts as stored now, or (sometimes) with a part that is not stored so. */
        private CatalogCommand complete(CatalogCommand.Choice c, UploadKey u) {
            List<PartRecord> parts = new ArrayList<>();
            try {
                parts.addAll(a.uploads().listParts(u.bucket(), u.key(), u.uploadId(), 0, 100).parts());
            } catch (NoSuchUploadException gone) {
                // completing an upload that is gone is refused
            }
            if (!parts.isEmpty() && random.nextInt(4) == 0) {
                PartRecord p = parts.get(0);
                parts.set(0, new PartRecord(p.partNumber(), p.size(), "stale", p.lastModifiedMillis(), null, null, p.chunks()));
            }
            List<ChunkPointer> chunks = new ArrayList<>();
            List<PartInfo> infos = new ArrayList<>();
            for (PartRecord p : parts) {
                chunks.addAll(p.chunks());
                infos.add(new PartInfo(p.partNumber(), p.size(), p.etag(), null));
            }
            ObjectRecord record = ObjectRecord.ofParts(10L * parts.size(), "mp-" + c.sequence() + "-" + parts.size(),
                    c.millis(), Map.of(), Map.of(), Map.of(), null, chunks, infos);
            return new CatalogCommand.CompleteUpload(c, u.bucket(), u.key(), u.uploadId(), parts, record,
                    random.nextInt(5) == 0 ? new WriteCondition.IfAbsent() : WriteCondition.NONE);
        }

        private ObjectRecord record(CatalogCommand.Choice c) {
            if (random.nextInt(3) == 0) {
                return ObjectRecord.ofBody(3, "e" + c.sequence(), c.millis(), Map.of(), Map.of("m", "v"), Map.of(),
                        new byte[] {1, 2, 3}, List.of());
            }
            return ObjectRecord.ofBody(20, "e" + c.sequence(), c.millis(), Map.of("content-type", "a/b"), Map.of(),
                    Map.of("CRC32", "AAAAAA=="), null,
                    List.of(new ChunkPointer("c" + c.sequence() + "-0", 10),
                            new ChunkPointer("c" + c.sequence() + "-1", 10, random.nextBoolean() ? List.of() : List.of("n2", "n1"))));
        }

        private WriteCondition condition(String bucket, String key) {
            int roll = random.nextInt(10);
            if (roll == 0) return new WriteCondition.IfAbsent();
            if (roll == 1) return new WriteCondition.IfEtagMatches("nope");
            if (roll == 2) {
                try {
                    return a.getObject(bucket, key).<WriteCondition>map(o -> new WriteCondition.IfEtagMatches(o.etag()))
                            .orElse(WriteCondition.NONE);
                } catch (RuntimeException e) {
                    return WriteCondition.NONE;
                }
            }
            return WriteCondition.NONE;
        }

        /** If-Match on a delete: none mostly, else `*`, a stale ETag, or the current one. */
        private WriteCondition deleteCondition(String bucket, String key) {
            int roll = random.nextInt(6);
            if (roll == 0) return new WriteCondition.IfPresent();
            WriteCondition c = condition(bucket, key);
            return c instanceof WriteCondition.IfAbsent ? WriteCondition.NONE : c;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private static byte[] longBytes(long v) {
            return java.nio.ByteBuffer.allocate(Long.BYTES * 2).putLong(v).putLong(~v).array();
        }
    }
}
