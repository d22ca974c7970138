package dev.coffer.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ProposalTest {
    private final ProposalSeal seal = new ProposalSeal("the members' secret");
    private final Proposal proposal = new Proposal(7, 42, new byte[] {1, 2, 3});

    @Test
    void aMembersEntryIsSealedAndDecodesToItsCommand() {
        byte[] entry = proposal.encode(seal);
        assertTrue(Proposal.sealed(ByteBuffer.wrap(entry), seal));
        Proposal back = Proposal.decode(ByteBuffer.wrap(entry));
        assertEquals(7, back.proposer());
        assertEquals(42, back.number());
        assertArrayEquals(new byte[] {1, 2, 3}, back.command());
    }

    @Test
    void anEntrySealedUnderAnotherSecretOrChangedAfterwardsIsNotSealed() {
        assertFalse(Proposal.sealed(ByteBuffer.wrap(proposal.encode(new ProposalSeal("a guess"))), seal));
        byte[] entry = proposal.encode(seal);
        entry[entry.length - 1] ^= 1;
        assertFalse(Proposal.sealed(ByteBuffer.wrap(entry), seal));
        entry = proposal.encode(seal);
        entry[5] ^= 1; // the proposer
        assertFalse(Proposal.sealed(ByteBuffer.wrap(entry), seal));
    }

    @Test
    void aFormatOneEntryIsNeverSealedButAnOldLogStillDecodes() {
        byte[] v1 = ByteBuffer.allocate(17 + 3).put((byte) 1).putLong(7).putLong(42).put(new byte[] {1, 2, 3}).array();
        assertFalse(Proposal.sealed(ByteBuffer.wrap(v1), seal));
        assertArrayEquals(new byte[] {1, 2, 3}, Proposal.decode(ByteBuffer.wrap(v1)).command());
        assertFalse(Proposal.sealed(ByteBuffer.wrap(new byte[] {2, 0, 0}), seal));
    }
}
