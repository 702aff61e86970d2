package io.atelier.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each sampler against reference trajectories computed by tools/sampler_fixtures/make_sampler_fixtures.py with numpy
 * from the published formulas. The loop below is the engine's loop with a fixed smooth function in place of the UNet.
 */
class SamplerReferenceTest {
    private static JsonNode fixtures;
    private static NoiseSchedule schedule;

    @BeforeAll
    static void readFixtures() throws IOException {
        try (InputStream in = SamplerReferenceTest.class.getResourceAsStream("/sampler/fixtures.json")) {
            fixtures = new ObjectMapper().readTree(in);
        }
        schedule = NoiseSchedule.of("scaled_linear", fixtures.get("trainTimesteps").asInt(),
                fixtures.get("betaStart").asDouble(), fixtures.get("betaEnd").asDouble());
    }

    @Test
    void alphas_cumprod_match_the_reference_for_both_beta_schedules() {
        for (String name : new String[] {"scaled_linear", "linear"}) {
            NoiseSchedule tested = NoiseSchedule.of(name, 1000, 0.00085, 0.012);
            fixtures.get("alphasCumprod").get(name).fields().forEachRemaining(entry -> assertEquals(
                    entry.getValue().asDouble(), tested.alphaCumprod(Integer.parseInt(entry.getKey())), 1e-12, name));
        }
    }

    @Test
    void trailing_timesteps_match_diffusers_spacing() {
        fixtures.get("trailingTimesteps").fields().forEachRemaining(entry -> assertArrayEquals(
                ints(entry.getValue()), schedule.trailingTimesteps(Integer.parseInt(entry.getKey())), entry.getKey()));
    }

    @Test
    void ddim_follows_the_reference_trajectory() {
        assertTrajectory(SamplerKind.DDIM, PredictionType.EPSILON, "ddim");
    }

    @Test
    void ddim_with_v_prediction_follows_the_reference_trajectory() {
        assertTrajectory(SamplerKind.DDIM, PredictionType.V_PREDICTION, "ddimVPrediction");
    }

    @Test
    void euler_ancestral_follows_the_reference_trajectory() {
        assertTrajectory(SamplerKind.EULER_ANCESTRAL, PredictionType.EPSILON, "eulerAncestral");
    }

    @Test
    void dpmpp_2m_follows_the_reference_trajectory() {
        assertTrajectory(SamplerKind.DPMPP_2M, PredictionType.EPSILON, "dpmpp2m");
    }

    @Test
    void lcm_follows_the_reference_trajectory() {
        assertTrajectory(SamplerKind.LCM, PredictionType.EPSILON, "lcm");
    }

    private static void assertTrajectory(SamplerKind kind, PredictionType prediction, String fixtureName) {
        int steps = fixtures.get("steps").asInt();
        Sampler sampler = kind.create(schedule, steps);
        float[] startNoise = floats(fixtures.get("startNoise"));
        JsonNode stepNoises = fixtures.get("stepNoises");
        int[] drawn = {0};
        NoiseSource noise = target -> System.arraycopy(floats(stepNoises.get(drawn[0]++)), 0, target, 0, target.length);

        float[] x = new float[startNoise.length];
        sampler.noised(new float[startNoise.length], startNoise, 0, x);
        JsonNode expected = fixtures.get(fixtureName);
        for (int i = 0; i < steps; i++) {
            float scale = sampler.inputScale(i);
            float[] modelInput = new float[x.length];
            float[] output = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                modelInput[k] = x[k] * scale;
                output[k] = (float) (0.3 * modelInput[k] + 0.2 * Math.cos(k + sampler.timestep(i) / 100.0));
            }
            x = sampler.step(i, x, sampler.denoised(i, x, output, prediction), noise);
            float[] reference = floats(expected.get(i));
            for (int k = 0; k < x.length; k++) {
                assertEquals(reference[k], x[k], 2e-4 * Math.max(1.0, Math.abs(reference[k])),
                        fixtureName + " step " + i + " element " + k);
            }
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
