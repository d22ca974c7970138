package dev.coffer.metadata;

import java.util.Objects;

/**
 * One version's Object Lock retention, kept as the {@value #ATTRIBUTE} attribute of its
 * {@link ObjectRecord}. Format: {@code 0x01 | byte mode (1 GOVERNANCE, 2 COMPLIANCE) | i64
 * retainUntilMillis}. A retention whose date has passed protects nothing but is still reported.
 */
public record Retention(RetentionMode mode, long retainUntilMillis) {
    /** The attribute name. */
    public static final String ATTRIBUTE = "retention";

    public Retention {
        Objects.requireNonNull(mode, "mode");
    }

    /** True while the date has not passed at {@code millis}: the version cannot be removed (but by a bypass, in GOVERNANCE). */
    public boolean inEffectAt(long millis) {
        return retainUntilMillis > millis;
    }

    public byte[] encode() {
        ValueOutput out = new ValueOutput((byte) 1);
        out.writeByte(mode.ordinal() + 1);
        out.writeLong(retainUntilMillis);
        return out.toByteArray();
    }

    public static Retention decode(byte[] bytes) {
        ValueInput in = new ValueInput(bytes, (byte) 1, "retention");
        int mode = in.readByte();
        if (mode < 1 || mode > RetentionMode.values().length) throw new MetadataException("retention: bad mode " + mode);
        Retention r = new Retention(RetentionMode.values()[mode - 1], in.readLong());
        in.end();
        return r;
    }
}
