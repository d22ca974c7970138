package dev.coffer.api.lifecycle;

import dev.coffer.api.jobs.CursorJob;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogRefusal;
import dev.coffer.metadata.EventOrigin;
import dev.coffer.metadata.NoSuchUploadException;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Tags;
import dev.coffer.metadata.UploadListPage;
import dev.coffer.metadata.UploadListQuery;
import dev.coffer.metadata.UploadRecord;
import dev.coffer.metadata.VersionsPage;
import dev.coffer.metadata.VersionsQuery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code lifecycle}: enforces each bucket's lifecycle rules. A pass walks the buckets in name
 * order and, in each bucket with rules, its versions (ListObjectVersions order: keys in order, each
 * key newest first) and then its uploads in progress, one page of up to {@link #PAGE} entries per
 * step, so memory is bounded by a page whatever the bucket holds. Every action is an ordinary
 * command with its own precondition, so a version written, locked or removed meanwhile is never
 * removed by a stale judgement:
 *
 * <ul>
 *   <li>Expiration (Days, Date) of a current version: {@code ExpireCurrent} (command 46), refused
 *       unless the version is still current ({@code VersionChanged}); removes it, or adds a delete
 *       marker in a versioned bucket.
 *   <li>ExpiredObjectDeleteMarker: DeleteVersion of a current delete marker with no older version.
 *   <li>NoncurrentVersionExpiration (NoncurrentDays, counted from when the next newer version was
 *       written; NewerNoncurrentVersions kept): DeleteVersion, which object lock refuses for a
 *       locked version; a refusal is a skip, never a failure.
 *   <li>AbortIncompleteMultipartUpload: AbortUpload (refused, and skipped, if it completed meanwhile).
 * </ul>
 *
 * <p>Durable state: the cursor {@link LifecycleCursor} (pass start, bucket, phase, markers and the
 * state of the key the page ended in), recorded after each page. A kill -9 before the record
 * repeats the page's judgements against the state the page's commands left: each is then no longer
 * due (a removed version is gone; an expired current version is noncurrent since the marker),
 * so nothing is removed twice. "Now" is the pass's start, kept in the cursor.
 * Done: versions and uploads removed. Backlog: buckets left in the pass (up to 1000).
 */
public final class LifecycleJob extends CursorJob {
    static final String NAME = "lifecycle";
    static final int PAGE = 256; // a cursor record per 256 judgements: little to repeat after a kill
    private static final Logger log = LoggerFactory.getLogger(LifecycleJob.class);

    private final LifecycleConfigs configs;
    private final LifecycleClock clock;

    public LifecycleJob(Catalog catalog, LifecycleConfigs configs, LifecycleClock clock, Duration interval) {
        super(NAME, NAME, catalog, interval, Scope.LEADER);
        this.configs = configs;
        this.clock = clock;
    }

    @Override
    public synchronized Step step() {
        byte[] saved = loadCursor();
        LifecycleCursor at = saved == null ? null : LifecycleCursor.decode(saved);
        if (at == null) {
            String first = nextBucket(null);
            if (first == null) return new Step(0, false);
            at = LifecycleCursor.start(System.currentTimeMillis(), first);
        }
        List<LifecycleRule> rules = rules(at.bucket());
        long done = 0;
        LifecycleCursor next;
        if (rules.isEmpty()) {
            next = null;
        } else if (at.phase() == LifecycleCursor.VERSIONS) {
            Walk walk = new Walk(at, rules);
            next = walk.page();
            done = walk.removed;
        } else {
            Aborts aborts = new Aborts(at, rules);
            next = aborts.page();
            done = aborts.removed;
        }
        if (next == null) {
            String bucket = nextBucket(at.bucket());
            next = bucket == null ? null : LifecycleCursor.start(at.passStart(), bucket);
        }
        saveCursor(next == null ? null : next.encode());
        publishBacklog(next == null ? 0 : catalog.listBuckets("", next.bucket(), null, 1000).size() + 1);
        return new Step(done, next != null);
    }

    private List<LifecycleRule> rules(String bucket) {
        try {
            return configs.rules(bucket).stream().filter(LifecycleRule::enabled).toList();
        } catch (RuntimeException unreadable) {
            log.warn("lifecycle configuration of bucket {} unreadable; skipping it this pass", bucket, unreadable);
            return List.of();
        }
    }

    private String nextBucket(String after) {
        List<BucketRecord> next = catalog.listBuckets("", after, null, 1);
        return next.isEmpty() ? null : next.get(0).name();
    }

    /** One page of versions, judged in order; returns the cursor after it, or null when the bucket's versions are done. */
    private final class Walk {
        private final LifecycleCursor at;
        private final List<LifecycleRule> rules;
        private final long now;
        private String key;
        private long successorMillis;
        private int noncurrentSeen;
        long removed;

        Walk(LifecycleCursor at, List<LifecycleRule> rules) {
            this.at = at;
            this.rules = rules;
            this.now = at.passStart();
            this.key = at.keyMarker();
            this.successorMillis = at.successorMillis();
            this.noncurrentSeen = at.noncurrentSeen();
        }

        LifecycleCursor page() {
            VersionsPage page;
            try {
                page = catalog.versions().list(new VersionsQuery(at.bucket(), "", null, at.keyMarker(),
                        at.versionIdMarker(), PAGE));
            } catch (CatalogRefusal bucketGone) {
                return null;
            }
            List<VersionsPage.Entry> entries = page.versions();
            for (int i = 0; i < entries.size(); i++) {
                VersionsPage.Entry e = entries.get(i);
                if (!e.key().equals(key)) {
                    key = e.key();
                    successorMillis = -1;
                    noncurrentSeen = 0;
                }
                boolean olderFollows = i + 1 < entries.size() ? entries.get(i + 1).key().equals(e.key())
                        : page.truncated() && olderVersionAfter(e);
                judge(e, olderFollows);
                successorMillis = e.record().lastModifiedMillis();
            }
            if (!page.truncated()) return at.toUploads();
            return at.after(page.nextKeyMarker(), page.nextVersionIdMarker(), successorMillis, noncurrentSeen);
        }

        private boolean olderVersionAfter(VersionsPage.Entry e) {
            VersionsPage more = catalog.versions().list(new VersionsQuery(at.bucket(), e.key(), null, e.key(),
                    e.versionId(), 1));
            return !more.versions().isEmpty() && more.versions().get(0).key().equals(e.key());
        }

        private void judge(VersionsPage.Entry e, boolean olderFollows) {
            ObjectRecord r = e.record();
            if (e.latest()) {
                if (r.deleteMarker()) {
                    if (!olderFollows && any(rule -> rule.expiredObjectDeleteMarker()
                            && rule.filter().matches(e.key(), 0, Map.of()))) {
                        deleteVersion(e);
                    }
                    return;
                }
                LifecycleClock.Expiry expiry = clock.firstExpiry(rules, e.key(), r.size(), tags(r), r.lastModifiedMillis());
                if (expiry != null && expiry.atMillis() <= now) expireCurrent(e);
                return;
            }
            noncurrentSeen++;
            if (successorMillis < 0) return; // resumed without the newer version's time: judged next pass
            Map<String, String> tags = tags(r);
            for (LifecycleRule rule : rules) {
                if (rule.noncurrentDays() == null || !rule.filter().matches(e.key(), r.size(), tags)) continue;
                int keep = rule.newerNoncurrentVersions() == null ? 0 : rule.newerNoncurrentVersions();
                if (noncurrentSeen > keep && clock.due(successorMillis, rule.noncurrentDays()) <= now) {
                    deleteVersion(e);
                    return;
                }
            }
        }

        private boolean any(java.util.function.Predicate<LifecycleRule> test) {
            return rules.stream().anyMatch(test);
        }

        private void expireCurrent(VersionsPage.Entry e) {
            try {
                catalog.expireCurrent(at.bucket(), e.key(), e.record().versionId(), e.record().lastModifiedMillis());
                removed++;
            } catch (CatalogRefusal changedOrLocked) {
                log.debug("lifecycle: {}/{} not expired: {}", at.bucket(), e.key(), changedOrLocked.getMessage());
            }
        }

        private void deleteVersion(VersionsPage.Entry e) {
            try {
                // Reported as S3 reports lifecycle's removals: LifecycleExpiration:Delete.
                catalog.versions().deleteVersion(at.bucket(), e.key(), e.versionId(), EventOrigin.LIFECYCLE);
                removed++;
            } catch (CatalogRefusal lockedOrGone) {
                // Object lock refuses a locked version's removal: lifecycle skips it, as S3 does.
                log.debug("lifecycle: {}/{} version {} kept: {}", at.bucket(), e.key(), e.versionId(),
                        lockedOrGone.getMessage());
            }
        }
    }

    /** One page of uploads in progress; aborts those past DaysAfterInitiation. */
    private final class Aborts {
        private final LifecycleCursor at;
        private final List<LifecycleRule> rules;
        long removed;

        Aborts(LifecycleCursor at, List<LifecycleRule> rules) {
            this.at = at;
            this.rules = rules;
        }

        LifecycleCursor page() {
            UploadListPage page;
            try {
                page = catalog.uploads().list(new UploadListQuery(at.bucket(), "", null, at.keyMarker(),
                        at.versionIdMarker(), PAGE));
            } catch (CatalogRefusal bucketGone) {
                return null;
            }
            for (UploadRecord u : page.uploads()) {
                for (LifecycleRule rule : rules) {
                    if (rule.abortDays() == null || !rule.filter().matches(u.key(), 0, Map.of())) continue;
                    if (clock.due(u.initiatedMillis(), rule.abortDays()) <= at.passStart()) {
                        try {
                            catalog.uploads().abort(at.bucket(), u.key(), u.uploadId());
                            removed++;
                        } catch (NoSuchUploadException completedMeanwhile) {
                            // nothing to abort any more
                        }
                        break;
                    }
                }
            }
            return page.truncated() ? at.after(page.nextKeyMarker(), page.nextUploadIdMarker(), -1, 0) : null;
        }
    }

    private static Map<String, String> tags(ObjectRecord r) {
        return Tags.of(r);
    }
}
