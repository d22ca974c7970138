package dev.coffer.api.notify;

import dev.coffer.api.notify.NotificationProperties.TargetProperties;
import dev.coffer.metadata.Catalog;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The declared targets: the operator's settings ({@code coffer.notifications.targets.<id>.*}) and
 * those added at run time through {@code /_coffer/admin/notifications} (kept in the catalogue by
 * command 67, so they survive a restart and every node of a cluster has them). On an id in both,
 * the settings win: the endpoint refuses to add, replace or remove a target declared in settings,
 * and a catalogue row under such an id (added before the setting was) is not used.
 */
public final class NotificationTargets {
    /** A run-time target's id: what an ARN's id part can hold. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final NotificationProperties settings;
    private final Catalog catalog;

    public NotificationTargets(NotificationProperties settings, Catalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Where a target comes from. */
    public enum Source { SETTINGS, ADMIN }

    /** One declared target. */
    public record Declared(String id, TargetProperties target, Source source) {
        public String arn() {
            return TargetArn.of(id, target.type() == null ? "" : target.type());
        }
    }

    /** Every declared target by id, settings first on a clash. */
    public Map<String, Declared> all() {
        Map<String, Declared> out = new TreeMap<>();
        catalog.notificationTargets().all().forEach((id, value) ->
                out.put(id, new Declared(id, TargetCodec.decode(value), Source.ADMIN)));
        settings.targets().forEach((id, t) -> out.put(id, new Declared(id, t, Source.SETTINGS)));
        return out;
    }

    /** The target of that id, if declared. */
    public Optional<TargetProperties> get(String id) {
        TargetProperties fromSettings = settings.targets().get(id);
        if (fromSettings != null) return Optional.of(fromSettings);
        byte[] value = catalog.notificationTargets().all().get(id);
        return value == null ? Optional.empty() : Optional.of(TargetCodec.decode(value));
    }

    /** Whether {@code arn} names a declared target of that id and type. */
    public boolean declares(TargetArn arn) {
        return get(arn.id()).map(t -> t.type() != null && t.type().equalsIgnoreCase(arn.type())).orElse(false);
    }

    /** Whether the id is one of the settings' (the endpoint cannot change those). */
    public boolean inSettings(String id) {
        return settings.targets().containsKey(id);
    }

    /** Adds or replaces a run-time target (validated by the caller); a catalogue command. */
    public void put(String id, TargetProperties target) {
        catalog.notificationTargets().set(id, TargetCodec.encode(target));
    }

    /** Removes a run-time target; its events already waiting stay in the outbox (docs/notifications.md). */
    public boolean remove(String id) {
        if (!catalog.notificationTargets().all().containsKey(id)) return false;
        catalog.notificationTargets().set(id, null);
        return true;
    }
}
