package dev.coffer.api.iam;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One page of an IAM list, after Marker (the name the previous page ended with) and up to
 * MaxItems, with IsTruncated and the next Marker.
 */
record Page<T>(List<T> items, String marker) {
    static <T> Page<T> of(List<T> all, Function<T, String> name, IamRequest r) {
        String after = r.optional("Marker");
        int max = r.maxItems();
        List<T> rest = after == null ? all : all.stream()
                .filter(t -> name.apply(t).toLowerCase(Locale.ROOT).compareTo(after.toLowerCase(Locale.ROOT)) > 0).toList();
        if (rest.size() <= max) return new Page<>(rest, null);
        List<T> items = rest.subList(0, max);
        return new Page<>(items, name.apply(items.get(max - 1)));
    }

    IamXml tail(IamXml x) {
        x.text("IsTruncated", marker == null ? "false" : "true");
        return x.text("Marker", marker);
    }
}
