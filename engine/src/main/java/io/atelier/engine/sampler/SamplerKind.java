package io.atelier.engine.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The samplers a request may name, by their wire names. */
public enum SamplerKind {
    DDIM("ddim"),
    EULER_ANCESTRAL("euler_a"),
    DPMPP_2M("dpmpp_2m"),
    LCM("lcm");

    private final String wireName;

    SamplerKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SamplerKind> byWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(SamplerKind::wireName).toList();
    }

    /** A fresh sampler for one image. */
    public Sampler create(NoiseSchedule schedule, int steps) {
        return switch (this) {
            case DDIM -> new DdimSampler(schedule, steps);
            case EULER_ANCESTRAL -> new EulerAncestralSampler(schedule, steps);
            case DPMPP_2M -> new DpmPlusPlus2MSampler(schedule, steps);
            case LCM -> new LcmSampler(schedule, steps);
        };
    }
}
