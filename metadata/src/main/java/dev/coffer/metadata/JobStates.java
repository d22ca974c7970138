package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * The durable state of background jobs, in the {@code jobs} table: one row per job name (say
 * {@code "sweep"}, {@code "lifecycle"}), holding the job's cursor as bytes whose meaning belongs to
 * the job. Written only by {@link CatalogCommand.SetJobCursor}, read by the job when it resumes.
 */
final class JobStates {
    /** Job names as UTF-8; names are short ASCII words chosen in code, never client input. */
    static final Codec<String> NAME = new Codec<>() {
        @Override
        public byte[] encode(String name) {
            if (name.isEmpty()) throw new IllegalArgumentException("empty job name");
            return Utf8.encode(name);
        }

        @Override
        public String decode(byte[] bytes) {
            return Utf8.decode(bytes, 0, bytes.length);
        }
    };

    /** Format 1: {@code 0x01 | bytes cursor}. */
    static final Codec<byte[]> CURSOR = new Codec<>() {
        @Override
        public byte[] encode(byte[] cursor) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeBytes(cursor);
            return out.toByteArray();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "job cursor");
            byte[] cursor = in.readBytes();
            in.end();
            return cursor;
        }
    };

    private final TypedTable<String, byte[]> table;

    JobStates(RocksStore store) {
        this.table = store.table(CatalogTables.JOBS);
    }

    Optional<byte[]> cursor(String job) {
        return table.get(job);
    }

    /** Sets ({@code cursor} not null) or clears the job's row, into the applying command's batch. */
    void set(WriteBatch batch, String job, byte[] cursor) {
        if (cursor == null) {
            table.delete(batch, job);
        } else {
            table.put(batch, job, cursor);
        }
    }
}
