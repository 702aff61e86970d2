package io.atelier.engine.model;

import io.atelier.engine.sampler.NoiseSchedule;

/** The training noise schedule and the defaults a request without sampler, steps or guidance gets. */
public record SchedulerSettings(
        int trainTimesteps,
        String betaSchedule,
        double betaStart,
        double betaEnd,
        String defaultSampler,
        int defaultSteps,
        double defaultGuidance) {

    /** The schedule the model was trained with: samplers generate with it and adapter trainers noise with it. */
    public NoiseSchedule noiseSchedule() {
        return NoiseSchedule.of(betaSchedule, trainTimesteps, betaStart, betaEnd);
    }
}
