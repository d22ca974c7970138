package dev.coffer.metadata;

import java.util.Objects;
import java.util.Optional;

/** Background jobs' durable cursors ({@link JobStates}), each changed by a command of its own (kind 45). */
public final class JobCursors {
    private final JobStates jobs;
    private final CommandRunner runner;
    private final Runnable openCheck;

    JobCursors(JobStates jobs, CommandRunner runner, Runnable openCheck) {
        this.jobs = jobs;
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** The cursor a background job last recorded, if any. */
    public Optional<byte[]> get(String job) {
        openCheck.run();
        return jobs.cursor(Objects.requireNonNull(job, "job"));
    }

    /** Records a background job's cursor ({@code null} clears it); a command of its own (kind 45). */
    public void set(String job, byte[] cursor) {
        openCheck.run();
        runner.submit(new CatalogCommand.SetJobCursor(runner.choose(), job, cursor));
    }
}
