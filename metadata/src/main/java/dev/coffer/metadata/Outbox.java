package dev.coffer.metadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * Events waiting for delivery, in the {@code outbox} table: written by the applier into the batch
 * of the command whose change they report (so an event exists exactly when its change committed,
 * and replicates with it), removed by {@link CatalogCommand.CompleteEvents} once delivered or
 * dropped. The bucket's {@link NotificationConfig} decides which events a change makes.
 *
 * <pre>
 * | key                                                                 | value                  |
 * |---------------------------------------------------------------------|------------------------|
 * | target ARN UTF-8 | 0x00 | i64 sequence | i64 random | u16 index    | 0x01 | event (COMMANDS.md) |
 * </pre>
 *
 * One target's events are one range, oldest command first, so a target that is down holds back
 * only its own events and they are delivered in their order once it is back.
 */
final class Outbox {
    static final Codec<NotificationEvent.Key> KEY = new Codec<>() {
        @Override
        public byte[] encode(NotificationEvent.Key k) {
            if (k.index() < 0 || k.index() > 0xFFFF) throw new IllegalArgumentException("event index " + k.index());
            ByteBuffer tail = ByteBuffer.allocate(2 * Long.BYTES + Short.BYTES);
            tail.putLong(k.sequence()).putLong(k.random()).putShort((short) k.index());
            return ByteKeys.concat(targetStart(k.target()), tail.array());
        }

        @Override
        public NotificationEvent.Key decode(byte[] bytes) {
            int zero = 0;
            while (zero < bytes.length && bytes[zero] != 0) zero++;
            if (bytes.length != zero + 1 + 2 * Long.BYTES + Short.BYTES) {
                throw new MetadataException("outbox key of " + bytes.length + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, zero + 1, 2 * Long.BYTES + Short.BYTES);
            return new NotificationEvent.Key(Utf8.decode(bytes, 0, zero), b.getLong(), b.getLong(),
                    Short.toUnsignedInt(b.getShort()));
        }
    };

    /** Format 1, see COMMANDS.md; the key is not repeated in the value. */
    static final Codec<NotificationEvent> VALUE = new Codec<>() {
        @Override
        public byte[] encode(NotificationEvent e) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeString(e.eventName());
            out.writeLong(e.millis());
            out.writeString(e.bucket());
            out.writeString(e.objectKey());
            out.writeLong(e.size());
            out.writeString(e.etag());
            out.writeString(e.versionId());
            out.writeString(e.sequencer());
            out.writeString(e.ruleId());
            out.writeString(e.origin().api());
            out.writeString(e.origin().principal());
            out.writeString(e.origin().sourceIp());
            out.writeString(e.origin().requestId());
            return out.toByteArray();
        }

        @Override
        public NotificationEvent decode(byte[] bytes) {
            throw new UnsupportedOperationException("read with its key: Outbox.read");
        }
    };

    static final TableDef<NotificationEvent.Key, NotificationEvent> TABLE =
            new TableDef<>("outbox", KEY, VALUE, false);

    private final TypedTable<NotificationEvent.Key, NotificationEvent> table;
    private final BucketConfigs configs;

    Outbox(RocksStore store, BucketConfigs configs) {
        this.table = store.table(TABLE);
        this.configs = configs;
    }

    private static byte[] targetStart(String target) {
        return ByteKeys.justAfter(Utf8.encode(target));
    }

    private static NotificationEvent read(byte[] key, byte[] value) {
        NotificationEvent.Key k = KEY.decode(key);
        ValueInput in = new ValueInput(value, ValueCodecs.V1, "outbox event");
        NotificationEvent e = new NotificationEvent(k, in.readString(), in.readLong(), in.readString(), in.readString(),
                in.readLong(), in.readString(), in.readString(), in.readString(), in.readString(),
                new EventOrigin(in.readString(), in.readString(), in.readString(), in.readString()));
        in.end();
        return e;
    }

    /**
     * Adds, into the change's batch, one event per notification rule of the bucket that matches
     * {@code eventName} and the key; nothing when the bucket has no configuration.
     */
    void record(WriteBatch batch, CatalogCommand.Choice choice, String bucket, String key, String eventName,
                long size, String etag, String versionId, String sequencer, EventOrigin origin) {
        Optional<byte[]> bytes = configs.get(bucket, NotificationConfig.CONFIG_NAME);
        if (bytes.isEmpty()) return;
        int index = 0;
        for (NotificationConfig.Rule rule : NotificationConfig.decode(bytes.get()).rules()) {
            if (!rule.matches(eventName, key)) continue;
            NotificationEvent.Key k = new NotificationEvent.Key(rule.arn(), choice.sequence(), choice.random(), index++);
            table.put(batch, k, new NotificationEvent(k, eventName, choice.millis(), bucket, key, size, etag, versionId,
                    sequencer, rule.id(), origin));
        }
    }

    /** The targets that have events waiting, in order: one seek per target. */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        try (TableScan<NotificationEvent.Key, NotificationEvent> scan = table.scan().seekToFirst()) {
            while (scan.valid()) {
                String target = KEY.decode(scan.keyBytes()).target();
                out.add(target);
                // The name then 0x01: past every key of this target (each is the name then 0x00 …).
                scan.seek(ByteKeys.concat(Utf8.encode(target), new byte[] {1}));
            }
        }
        return out;
    }

    /** The highest command sequence with an event still waiting, or 0: new sequences start above it. */
    long lastSequence() {
        long last = 0;
        for (String target : targets()) {
            try (TableScan<NotificationEvent.Key, NotificationEvent> scan =
                         table.scan(ByteKeys.concat(Utf8.encode(target), new byte[] {1})).seekToLast()) {
                if (scan.valid()) last = Math.max(last, KEY.decode(scan.keyBytes()).sequence());
            }
        }
        return last;
    }

    /** Up to {@code max} of the target's events, oldest command first. */
    List<NotificationEvent> pending(String target, int max) {
        List<NotificationEvent> out = new ArrayList<>();
        try (TableScan<NotificationEvent.Key, NotificationEvent> scan = table.scanPrefix(targetStart(target))) {
            for (; out.size() < max && scan.valid(); scan.next()) out.add(read(scan.keyBytes(), scan.valueBytes()));
        }
        return out;
    }

    /** How many events the target has waiting, counting no further than {@code limit}. */
    long count(String target, long limit) {
        long n = 0;
        try (TableScan<NotificationEvent.Key, NotificationEvent> scan = table.scanPrefix(targetStart(target))) {
            for (; n < limit && scan.valid(); scan.next()) n++;
        }
        return n;
    }

    /** Removes the events (delivered or dropped), into the applying command's batch. */
    void remove(WriteBatch batch, Collection<NotificationEvent.Key> keys) {
        for (NotificationEvent.Key k : keys) table.delete(batch, k);
    }
}
