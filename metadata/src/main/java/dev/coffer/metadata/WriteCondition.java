package dev.coffer.metadata;

/** A precondition checked atomically with an object write (S3 conditional writes). */
public sealed interface WriteCondition {
    /** Always write. */
    record None() implements WriteCondition {}

    /** Write only if no object exists at the key (If-None-Match: *). */
    record IfAbsent() implements WriteCondition {}

    /** Write only if the current object's ETag (unquoted) equals this one (If-Match). */
    record IfEtagMatches(String etag) implements WriteCondition {}

    WriteCondition NONE = new None();
}
