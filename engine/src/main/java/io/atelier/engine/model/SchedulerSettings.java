package io.atelier.engine.model;

/** The training noise schedule and the defaults a request without sampler, steps or guidance gets. */
public record SchedulerSettings(
        int trainTimesteps,
        String betaSchedule,
        double betaStart,
        double betaEnd,
        String defaultSampler,
        int defaultSteps,
        double defaultGuidance) {
}
