package io.atelier.preview.live;

import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which generated images the viewer has not shown yet, from job listings (polled) and
 * {@code jobs.finished} notifications (pushed), whichever arrives first. The viewer's own renders
 * ({@code preview.render} jobs) are ignored so a preview never triggers another preview. Thread-safe.
 */
public final class NewResultTracker {
    static final String PREVIEW_JOB_KIND = "preview.render";

    private final Set<String> shownJobs = new HashSet<>();
    private final Set<String> subscribed = new HashSet<>();
    private final Set<String> previewJobs = new HashSet<>();
    private boolean primed;

    /**
     * A listing, newest first. The first one primes the tracker: jobs already finished count as shown, except
     * the newest success, whose images are returned so the viewer opens on the latest work.
     */
    public synchronized List<ImageRef> onListing(List<JobInfo> jobs) {
        List<ImageRef> fresh = new ArrayList<>();
        for (JobInfo job : jobs) {
            if (PREVIEW_JOB_KIND.equals(job.kind())) {
                previewJobs.add(job.jobId());
                continue;
            }
            if (job.status() == JobStatus.SUCCEEDED && shownJobs.add(job.jobId())) {
                if (!primed && !fresh.isEmpty()) {
                    continue; // older history: not replayed on open
                }
                if (job.results() != null) {
                    fresh.addAll(job.results());
                }
            } else if (job.status().isFinal()) {
                shownJobs.add(job.jobId());
            }
        }
        primed = true;
        return fresh;
    }

    /** Running or queued jobs not yet subscribed to, so their end is pushed to this viewer too. */
    public synchronized List<String> toSubscribe(List<JobInfo> jobs) {
        List<String> ids = new ArrayList<>();
        for (JobInfo job : jobs) {
            if (!job.status().isFinal() && !PREVIEW_JOB_KIND.equals(job.kind()) && subscribed.add(job.jobId())) {
                ids.add(job.jobId());
            }
        }
        return ids;
    }

    /** A pushed end of job: its images if it succeeded and was not shown already. */
    public synchronized List<ImageRef> onFinished(JobsFinishedNotification finished) {
        if (finished.status() != JobStatus.SUCCEEDED || previewJobs.contains(finished.jobId())
                || !shownJobs.add(finished.jobId()) || finished.results() == null) {
            return List.of();
        }
        return List.copyOf(finished.results());
    }
}
