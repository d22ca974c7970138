package dev.coffer.auth.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The request's condition keys and their values ({@code aws:SourceIp}, {@code aws:SecureTransport},
 * {@code s3:prefix}, {@code s3:ExistingObjectTag/project}, …) as the api module saw the request. Key
 * names are case-insensitive, as in IAM; a key that is absent has no entry (the Null operator and
 * {@code …IfExists} tell the difference). Keys derived from the principal ({@code aws:username},
 * {@code aws:userid}, {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}) and
 * {@code aws:CurrentTime} / {@code aws:EpochTime} are added by the {@link Authorizer}. Immutable.
 * A context may be {@link #lazy}: most requests meet no policy statement that reads a key (the
 * root, a bucket without a policy), so the keys are gathered only when one is first read.
 */
public final class RequestContext {
    public static final RequestContext EMPTY = new RequestContext(Map.of());

    private volatile Map<String, List<String>> values;
    /** Makes {@link #values} on first use; null once made (or for an eager context). */
    private Supplier<RequestContext> source;

    private RequestContext(Map<String, List<String>> values) {
        this.values = values;
    }

    private RequestContext(Supplier<RequestContext> source) {
        this.source = source;
    }

    /**
     * A context whose keys {@code make} gathers the first time any is read (at most once; it
     * must be side-effect free, and may run on whichever thread reads first).
     */
    public static RequestContext lazy(Supplier<RequestContext> make) {
        return new RequestContext(make);
    }

    private Map<String, List<String>> values() {
        Map<String, List<String>> v = values;
        if (v != null) return v;
        synchronized (this) {
            if (values == null) {
                values = source.get().values();
                source = null;
            }
            return values;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The values of a key, or null when the request has no such key. */
    public List<String> get(String key) {
        return values().get(key.toLowerCase(Locale.ROOT));
    }

    /** This context with {@code key} set (replacing any values it had). */
    public RequestContext with(String key, List<String> keyValues) {
        return with(Map.of(key, keyValues));
    }

    /**
     * This context with every key of {@code more} set (replacing any values it had); lazy while
     * this one is.
     */
    public RequestContext with(Map<String, List<String>> more) {
        if (more.isEmpty()) return this;
        Map<String, List<String>> added = new LinkedHashMap<>();
        more.forEach((k, v) -> added.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        if (values == null) return lazy(() -> merged(added));
        return merged(added);
    }

    private RequestContext merged(Map<String, List<String>> added) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values());
        copy.putAll(added);
        return new RequestContext(Map.copyOf(copy));
    }

    /** The keys (lower-case) and their values. */
    public Map<String, List<String>> asMap() {
        return values();
    }

    @Override
    public String toString() {
        return values().toString();
    }

    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        /** Sets a single-valued key; a null value leaves the key absent. */
        public Builder put(String key, String value) {
            if (value != null) values.put(key.toLowerCase(Locale.ROOT), List.of(value));
            return this;
        }

        /** Sets a multi-valued key (e.g. the tag keys a request carries). */
        public Builder put(String key, List<String> keyValues) {
            values.put(key.toLowerCase(Locale.ROOT), List.copyOf(keyValues));
            return this;
        }

        public RequestContext build() {
            return new RequestContext(Map.copyOf(values));
        }
    }
}
