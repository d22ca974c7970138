package dev.coffer.metadata;

import java.util.Objects;

/**
 * A bucket's default retention (S3's ObjectLockRule/DefaultRetention): every new version gets
 * {@code mode} until its creation plus {@code days} or {@code years}, exactly one of them positive.
 * The catalogue stores the rule; the node that takes a write turns it into a retain-until date
 * (the length of a day is a setting of the server, not of the catalogue).
 */
public record DefaultRetention(RetentionMode mode, int days, int years) {
    public DefaultRetention {
        Objects.requireNonNull(mode, "mode");
        if ((days > 0) == (years > 0) || days < 0 || years < 0) {
            throw new IllegalArgumentException("exactly one of days and years must be positive");
        }
    }
}
