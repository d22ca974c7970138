package dev.coffer.metadata;

/**
 * The place in a replicated log of the last command a replica applied: the Raft term and index.
 * Written in the same batch as the command's own rows, so after a crash the catalogue knows which
 * log entries it already holds (and a replay skips them), as Ozone keeps its transaction info.
 */
public record AppliedIndex(long term, long index) {
    /** Nothing applied yet. */
    public static final AppliedIndex NONE = new AppliedIndex(0, -1);

    static final Codec<AppliedIndex> CODEC = new Codec<>() {
        private static final byte V1 = 1;

        @Override
        public byte[] encode(AppliedIndex value) {
            ValueOutput out = new ValueOutput(V1);
            out.writeLong(value.term());
            out.writeLong(value.index());
            return out.toByteArray();
        }

        @Override
        public AppliedIndex decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "applied index");
            return new AppliedIndex(in.readLong(), in.readLong());
        }
    };
}
