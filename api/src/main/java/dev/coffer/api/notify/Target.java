package dev.coffer.api.notify;

/** Where a target's events go: one call per event, in order; a throw means "not delivered, try again later". */
interface Target extends AutoCloseable {
    /** Delivers one event message (S3's JSON); blocking, bounded by the target's timeout. */
    void send(byte[] message) throws Exception;

    @Override
    void close();

    /** The target of the declared settings. */
    static Target of(String id, NotificationProperties.TargetProperties t) {
        String type = t.type() == null ? "" : t.type().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "redis" -> new RedisTarget(t);
            case "webhook" -> new WebhookTarget(t);
            default -> throw new IllegalArgumentException(
                    "coffer.notifications.targets." + id + ".type must be redis or webhook, not " + t.type());
        };
    }
}
