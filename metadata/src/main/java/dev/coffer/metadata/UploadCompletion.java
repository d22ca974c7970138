package dev.coffer.metadata;

import java.util.List;

/** What completing an upload gives back: the object's version as published (or found, for a retry). */
public record UploadCompletion(ObjectVersion version, boolean retried) {

    public ObjectRecord record() {
        return version.record();
    }

    /**
     * Turns the upload and its uploaded parts (all of them, in part-number order) into the object
     * record to publish, or throws to refuse (nothing is written then). Runs before the completion
     * command is made, holding no lock; the command then checks the parts are still the ones it saw.
     */
    @FunctionalInterface
    public interface Plan {
        ObjectRecord build(UploadRecord upload, List<PartRecord> parts);
    }
}
