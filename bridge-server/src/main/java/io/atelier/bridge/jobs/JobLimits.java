package io.atelier.bridge.jobs;

import java.time.Duration;

/**
 * How much work the job manager accepts, and how long it remembers it.
 *
 * @param workers jobs run at once (1: a model uses the whole CPU or GPU, two at once only thrash)
 * @param maxActivePerToken queued plus running jobs one token may have; beyond it, submit answers busy ({@code -32006})
 * @param maxActiveTotal queued plus running jobs for all tokens together
 * @param keepFinished finished jobs an in-memory store remembers for {@code jobs.get}/{@code jobs.list}
 * @param retention how long a finished job answers {@code jobs.get} (and its {@code clientRequestId} is honoured)
 * @param maxAttempts runs a job gets: one whose run the bridge died during this many times is failed, not run again
 */
public record JobLimits(int workers, int maxActivePerToken, int maxActiveTotal, int keepFinished, Duration retention,
                        int maxAttempts) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final JobLimits DEFAULTS = new JobLimits(1, 16, 256, 1000);

    public JobLimits {
        if (workers < 1 || maxActivePerToken < 1 || maxActiveTotal < maxActivePerToken || keepFinished < 1
                || maxAttempts < 1 || retention.isNegative()) {
            throw new IllegalArgumentException("job limits must allow at least one job");
        }
    }

    /** With the default retention (7 days) and attempts (3). */
    public JobLimits(int workers, int maxActivePerToken, int maxActiveTotal, int keepFinished) {
        this(workers, maxActivePerToken, maxActiveTotal, keepFinished, DEFAULT_RETENTION, DEFAULT_MAX_ATTEMPTS);
    }

    public JobLimits withRetention(Duration newRetention) {
        return new JobLimits(workers, maxActivePerToken, maxActiveTotal, keepFinished, newRetention, maxAttempts);
    }
}
