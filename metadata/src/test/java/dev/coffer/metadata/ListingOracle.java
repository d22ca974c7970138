package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The listing rules applied naively to a list of keys: what every page walk must add up to. */
final class ListingOracle {
    private ListingOracle() {}

    static int compare(String a, String b) {
        return ByteKeys.compare(Utf8.encode(a), Utf8.encode(b));
    }

    /** Every entry (key, or common prefix ending in the delimiter) in UTF-8 byte order. */
    static List<String> entries(List<String> keys, String prefix, String delimiter, String after) {
        TreeSet<String> out = new TreeSet<>(ListingOracle::compare);
        String from = after == null ? "" : after;
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            int at = delimiter == null || delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            String entry = at < 0 ? key : key.substring(0, at + delimiter.length());
            if (compare(entry, from) > 0) {
                out.add(entry);
            }
        }
        return new ArrayList<>(out);
    }
}
