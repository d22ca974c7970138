package dev.coffer.metadata;

/**
 * One version's Object Lock legal hold, kept as the {@value #ATTRIBUTE} attribute of its
 * {@link ObjectRecord}: {@code 0x01 | byte status (0 OFF, 1 ON)}. Absent: never set (S3 then
 * answers that the object has no Object Lock configuration). While ON the version cannot be removed,
 * whatever its retention and whoever asks.
 */
public final class LegalHold {
    /** The attribute name. */
    public static final String ATTRIBUTE = "legalhold";

    private LegalHold() {}

    public static byte[] encode(boolean on) {
        ValueOutput out = new ValueOutput((byte) 1);
        out.writeByte(on ? 1 : 0);
        return out.toByteArray();
    }

    /** True for ON. */
    public static boolean decode(byte[] bytes) {
        ValueInput in = new ValueInput(bytes, (byte) 1, "legal hold");
        int status = in.readByte();
        if (status > 1) throw new MetadataException("legal hold: bad status " + status);
        in.end();
        return status == 1;
    }
}
