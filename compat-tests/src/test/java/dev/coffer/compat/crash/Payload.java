package dev.coffer.compat.crash;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PUT's body, unique per write: a header line naming the key, the write's sequence number and
 * the size, then bytes drawn from a generator seeded by the sequence number. A body read back
 * names the write it came from, and regenerating that write shows whether every byte is there.
 */
public record Payload(String key, long seq, int size) {
    private static final Pattern HEADER = Pattern.compile("^crash key=(\\S+) seq=(\\d+) size=(\\d+)\n");
    /** Room for the header of any key the workload uses. */
    public static final int MIN_SIZE = 128;

    public Payload {
        if (size < MIN_SIZE) throw new IllegalArgumentException("size below " + MIN_SIZE);
    }

    public byte[] bytes() {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seq * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) bytes[i + j] = (byte) (v >>> (8 * j));
        }
        byte[] header = ("crash key=" + key + " seq=" + seq + " size=" + size + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** The write a body claims to come from, if its header is intact. */
    public static Optional<Payload> claimedBy(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, MIN_SIZE), StandardCharsets.ISO_8859_1);
        Matcher m = HEADER.matcher(head);
        if (!m.find()) return Optional.empty();
        return Optional.of(new Payload(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))));
    }
}
