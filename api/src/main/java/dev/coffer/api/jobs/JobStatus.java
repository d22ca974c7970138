package dev.coffer.api.jobs;

/**
 * One background job kind as this node sees it (the figures of its {@code coffer_jobs_*} metrics).
 *
 * @param kind {@code gc}, {@code sweep}, {@code scrub}, {@code lifecycle}, …
 * @param backlog work waiting, in the kind's own unit (README, "Background jobs")
 * @param done items completed since this node started
 * @param failedPasses passes that ended in an error since this node started
 * @param consecutiveFailures passes failed in a row (0 after one that succeeded)
 * @param lastRunEpochSeconds when the last pass ended, 0 if none yet
 * @param lastDurationSeconds how long the last pass took
 * @param runsHere whether passes of this kind run on this node now (a cluster's leader runs leader-scoped kinds)
 */
public record JobStatus(String kind, long backlog, long done, long failedPasses, long consecutiveFailures,
                        double lastRunEpochSeconds, double lastDurationSeconds, boolean runsHere) {}
