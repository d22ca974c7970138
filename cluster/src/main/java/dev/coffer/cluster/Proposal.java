package dev.coffer.cluster;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * A log entry's bytes: which node proposed it, its number there, and the encoded catalogue
 * command (whatever its kind: {@code metadata/COMMANDS.md}). Each replica applies the command;
 * the proposer also hands the result of its own apply to the request that waits for it, so no
 * result needs an encoding of its own (every replica gets the same result: apply is a pure
 * function of the same state and the same command).
 *
 * <pre>
 * entry, format 2 : byte 0x02 | i64 proposer | i64 number | 32 bytes seal ({@link ProposalSeal}) | command bytes (to the end)
 * entry, format 1 : byte 0x01 | i64 proposer | i64 number | command bytes (to the end)
 * </pre>
 *
 * Members write format 2 only, and the leader lets no other entry into the log; format 1 entries
 * written before seals existed are still applied when an old log is replayed.
 */
record Proposal(long proposer, long number, byte[] command) {
    static final byte V1 = 1;
    static final byte V2 = 2;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    byte[] encode(ProposalSeal seal) {
        return ByteBuffer.allocate(HEADER + ProposalSeal.LENGTH + command.length)
                .put(V2).putLong(proposer).putLong(number).put(seal.of(proposer, number, command)).put(command).array();
    }

    static Proposal decode(ByteBuffer bytes) {
        byte format = bytes.remaining() < HEADER ? 0 : bytes.get();
        if (format != V1 && (format != V2 || bytes.remaining() < HEADER - 1 + ProposalSeal.LENGTH)) {
            throw new IllegalArgumentException("not a Coffer log entry of format 1 or 2");
        }
        long proposer = bytes.getLong();
        long number = bytes.getLong();
        if (format == V2) {
            bytes.position(bytes.position() + ProposalSeal.LENGTH);
        }
        byte[] command = new byte[bytes.remaining()];
        bytes.get(command);
        return new Proposal(proposer, number, command);
    }

    /** Whether {@code entry} is a format 2 entry whose seal is the one {@code seal} makes of it. */
    static boolean sealed(ByteBuffer entry, ProposalSeal seal) {
        ByteBuffer bytes = entry.duplicate();
        if (bytes.remaining() < HEADER + ProposalSeal.LENGTH || bytes.get() != V2) {
            return false;
        }
        long proposer = bytes.getLong();
        long number = bytes.getLong();
        byte[] given = new byte[ProposalSeal.LENGTH];
        bytes.get(given);
        byte[] command = new byte[bytes.remaining()];
        bytes.get(command);
        return MessageDigest.isEqual(given, seal.of(proposer, number, command));
    }
}
