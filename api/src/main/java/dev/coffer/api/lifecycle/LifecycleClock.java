package dev.coffer.api.lifecycle;

/**
 * Lifecycle time, as S3 counts it: an action due N days after a moment is due at the first day
 * boundary at or after moment + N days (S3: "rounded to the next midnight UTC"). A day is
 * {@code coffer.jobs.day-seconds} long; at the default 86400 its boundaries are UTC midnights.
 */
public record LifecycleClock(long dayMillis) {
    public LifecycleClock {
        if (dayMillis < 1) throw new IllegalArgumentException("a day of " + dayMillis + " ms");
    }

    public static LifecycleClock ofDaySeconds(long daySeconds) {
        return new LifecycleClock(daySeconds * 1000);
    }

    /** When an action {@code days} days after {@code fromMillis} is due, epoch ms. */
    public long due(long fromMillis, int days) {
        long at = fromMillis + days * dayMillis;
        return Math.floorDiv(at + dayMillis - 1, dayMillis) * dayMillis;
    }

    /** When a rule's Expiration (Days or Date) expires a current version written at {@code lastModified}. */
    public long expiry(LifecycleRule rule, long lastModifiedMillis) {
        if (rule.expirationDate() != null) return rule.expirationDate().toEpochMilli();
        return due(lastModifiedMillis, rule.expirationDays());
    }

    /** The earliest Expiration of an enabled rule matching a current version, or null. */
    public Expiry firstExpiry(java.util.List<LifecycleRule> rules, String key, long size,
                              java.util.Map<String, String> tags, long lastModifiedMillis) {
        Expiry first = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.expiresCurrent() || !rule.filter().matches(key, size, tags)) continue;
            long at = expiry(rule, lastModifiedMillis);
            if (first == null || at < first.atMillis()) first = new Expiry(at, rule.id());
        }
        return first;
    }

    /** When a current version expires and by which rule. */
    public record Expiry(long atMillis, String ruleId) {
        /** The {@code x-amz-expiration} value: {@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="…"}. */
        public String header() {
            return "expiry-date=\"" + dev.coffer.api.http.HttpDates.format(atMillis) + "\", rule-id=\""
                    + ruleId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
