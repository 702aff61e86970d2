package io.atelier.preview.live;

import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NewResultTrackerTest {
    private final NewResultTracker tracker = new NewResultTracker();

    @Test
    void opening_shows_only_the_newest_finished_work() {
        List<ImageRef> shown = tracker.onListing(List.of(
                job("j3", "images.generate", JobStatus.SUCCEEDED, "img3"),
                job("j2", "images.generate", JobStatus.SUCCEEDED, "img2"),
                job("j1", "images.generate", JobStatus.FAILED)));
        assertEquals(List.of("img3"), ids(shown));
        assertEquals(List.of(), ids(tracker.onListing(List.of(job("j3", "images.generate", JobStatus.SUCCEEDED, "img3")))));
    }

    @Test
    void a_job_seen_running_then_finished_is_shown_once_whether_pushed_or_polled() {
        tracker.onListing(List.of());
        List<JobInfo> running = List.of(job("k1", "images.generate", JobStatus.RUNNING));
        assertEquals(List.of("k1"), tracker.toSubscribe(running));
        assertEquals(List.of(), tracker.toSubscribe(running), "subscribed once");
        ImageRef a = ref("a");
        ImageRef b = ref("b");
        assertEquals(List.of("a", "b"), ids(tracker.onFinished(new JobsFinishedNotification("k1", JobStatus.SUCCEEDED, List.of(a, b), null))));
        assertEquals(List.of(), ids(tracker.onListing(List.of(job("k1", "images.generate", JobStatus.SUCCEEDED, "a", "b")))));
    }

    @Test
    void the_viewers_own_preview_renders_never_trigger_a_refresh() {
        tracker.onListing(List.of());
        List<JobInfo> listing = List.of(job("p1", "preview.render", JobStatus.SUCCEEDED, "still"));
        assertEquals(List.of(), ids(tracker.onListing(listing)));
        assertEquals(List.of(), tracker.toSubscribe(List.of(job("p2", "preview.render", JobStatus.RUNNING))));
        assertEquals(List.of(), ids(tracker.onFinished(new JobsFinishedNotification("p1", JobStatus.SUCCEEDED, List.of(ref("still")), null))));
    }

    @Test
    void failed_and_cancelled_jobs_show_nothing() {
        tracker.onListing(List.of());
        assertEquals(List.of(), ids(tracker.onFinished(new JobsFinishedNotification("x", JobStatus.CANCELLED, null, null))));
        assertEquals(List.of(), ids(tracker.onListing(List.of(job("y", "images.upscale", JobStatus.FAILED)))));
    }

    private static JobInfo job(String id, String kind, JobStatus status, String... results) {
        List<ImageRef> refs = status == JobStatus.SUCCEEDED ? java.util.Arrays.stream(results).map(NewResultTrackerTest::ref).toList() : null;
        return new JobInfo(id, kind, status, new JobProgress(1, 1), refs, null, "2026-11-22T12:00:00Z");
    }

    private static ImageRef ref(String id) {
        return new ImageRef(id, 128, 128, "image/png", "/images/" + id + ".png", "0".repeat(64));
    }

    private static List<String> ids(List<ImageRef> refs) {
        return refs.stream().map(ImageRef::id).toList();
    }
}
