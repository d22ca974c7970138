package dev.coffer.metadata;

import java.util.List;

/** What completing an upload gives back: the object's version as published (or found, for a retry). */
public record UploadCompletion(ObjectVersion version, boolean retried) {

    public ObjectRecord record() {
        return version.record();
    }

    /**
     * Turns the upload and its uploaded parts (all of them, in part-number order) into the object
     * record to publish, or throws to refuse (nothing is written then). Runs under the key's lock,
     * so it must be quick and touch nothing but its arguments.
     */
    @FunctionalInterface
    public interface Plan {
        ObjectRecord build(UploadRecord upload, List<PartRecord> parts);
    }
}
