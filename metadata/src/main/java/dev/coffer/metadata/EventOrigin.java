package dev.coffer.metadata;

/**
 * What a command's events say about the request that made it (S3's event message): the API that
 * created an object ({@code Put}, {@code Post}, {@code Copy}; it names the {@code ObjectCreated}
 * event), the principal, the client's address and the request id. Carried by {@link
 * CatalogCommand.Requested} (kind 65); any field may be null.
 */
public record EventOrigin(String api, String principal, String sourceIp, String requestId) {
    /** A change no request made (lifecycle), or a command sent without its origin. */
    public static final EventOrigin NONE = new EventOrigin(null, null, null, null);
    /**
     * A version removed for good by lifecycle rules (a noncurrent version, an expired delete
     * marker): its event is {@code LifecycleExpiration:Delete}, not {@code ObjectRemoved:Delete}.
     */
    public static final EventOrigin LIFECYCLE = new EventOrigin("Lifecycle", null, null, null);
}
