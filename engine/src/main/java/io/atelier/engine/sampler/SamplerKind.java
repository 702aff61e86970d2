package io.atelier.engine.sampler;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The samplers a request may name, by their wire names. */
public enum SamplerKind {
    DDIM("ddim", "DDIM"),
    EULER_ANCESTRAL("euler_a", "Euler a"),
    DPMPP_2M("dpmpp_2m", "DPM++ 2M"),
    LCM("lcm", "LCM");

    private final String wireName;
    private final String a1111Name;

    SamplerKind(String wireName, String a1111Name) {
        this.wireName = wireName;
        this.a1111Name = a1111Name;
    }

    /** The name AUTOMATIC1111 writes in a PNG's parameters text. */
    public String a1111Name() {
        return a1111Name;
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
