package dev.coffer.cluster;

import java.nio.ByteBuffer;

/**
 * A log entry's bytes: which node proposed it, its number there, and the encoded catalogue
 * command (whatever its kind: {@code metadata/COMMANDS.md}). Each replica applies the command;
 * the proposer also hands the result of its own apply to the request that waits for it, so no
 * result needs an encoding of its own (every replica gets the same result: apply is a pure
 * function of the same state and the same command).
 *
 * <pre>
 * entry : byte 0x01 (format) | i64 proposer | i64 number | command bytes (to the end)
 * </pre>
 */
record Proposal(long proposer, long number, byte[] command) {
    static final byte V1 = 1;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + command.length)
                .put(V1).putLong(proposer).putLong(number).put(command).array();
    }

    static Proposal decode(ByteBuffer bytes) {
        if (bytes.remaining() < HEADER || bytes.get() != V1) {
            throw new IllegalArgumentException("not a Coffer log entry of format 1");
        }
        long proposer = bytes.getLong();
        long number = bytes.getLong();
        byte[] command = new byte[bytes.remaining()];
        bytes.get(command);
        return new Proposal(proposer, number, command);
    }
}
