package io.atelier.bridge.jobs;

/**
 * How much work the job manager accepts.
 *
 * @param workers jobs run at once (1: a model uses the whole CPU or GPU, two at once only thrash)
 * @param maxActivePerToken queued plus running jobs one token may have; beyond it, submit answers busy ({@code -32006})
 * @param maxActiveTotal queued plus running jobs for all tokens together
 * @param keepFinished finished jobs remembered for {@code jobs.get}/{@code jobs.list}
 */
public record JobLimits(int workers, int maxActivePerToken, int maxActiveTotal, int keepFinished) {
    public static final JobLimits DEFAULTS = new JobLimits(1, 16, 256, 1000);

    public JobLimits {
        if (workers < 1 || maxActivePerToken < 1 || maxActiveTotal < maxActivePerToken || keepFinished < 1) {
            throw new IllegalArgumentException("job limits must allow at least one job");
        }
    }
}
