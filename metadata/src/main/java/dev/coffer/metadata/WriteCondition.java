package dev.coffer.metadata;

/** A precondition checked atomically with an object write or delete (S3 conditional writes and deletes). */
public sealed interface WriteCondition {
    /** Always write. */
    record None() implements WriteCondition {}

    /** Write only if no object exists at the key (If-None-Match: *). */
    record IfAbsent() implements WriteCondition {}

    /** Write only if the current object's ETag (unquoted) equals this one (If-Match). */
    record IfEtagMatches(String etag) implements WriteCondition {}

    /**
     * Only if the key has a current object, whatever its ETag (If-Match: * on DeleteObject); a
     * delete marker as the latest version is no object.
     */
    record IfPresent() implements WriteCondition {}

    WriteCondition NONE = new None();
}
