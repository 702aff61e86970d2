package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.safetensors.SafeTensorsFile;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java networks against a reference written separately in python3-torch from the published architectures
 * (tools/sd/sd15_reference.py), on a scaled-down checkpoint with SD-1.5's exact key names (tools/sd/make_tiny_sd15.py):
 * every forward must match within 1e-4 relative to the output's scale.
 */
class Sd1ReferenceTest {
    static final double TOLERANCE = 1e-4;
    private static SafeTensorsFile fixtures;
    private static Sd1Model model;
    private static NDManager manager;

    @BeforeAll
    static void load() throws Exception {
        Path checkpoint = TinyCheckpoint.path();
        try (SafeTensorsFile file = SafeTensorsFile.open(checkpoint)) {
            model = Sd1Model.load(file, CheckpointInspector.inspect(file), Device.cpu(), DataType.FLOAT32);
        }
        fixtures = SafeTensorsFile.open(TinyCheckpoint.fixtures());
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void close() throws Exception {
        manager.close();
        model.close();
        fixtures.close();
    }

    @Test
    void text_encoder_matches_the_reference() throws Exception {
        NDArray ids = fixtures.array(manager, "text.input_ids");
        assertClose("text.hidden", model.encodeText(ids));
    }

    @Test
    void unet_matches_the_reference() throws Exception {
        NDArray out = model.predictNoise(fixtures.array(manager, "unet.sample"),
                fixtures.array(manager, "unet.timesteps"), fixtures.array(manager, "unet.context"));
        assertClose("unet.out", out);
    }

    @Test
    void vae_decoder_matches_the_reference() throws Exception {
        assertClose("vae.decode.image", model.decode(fixtures.array(manager, "vae.decode.z")));
    }

    @Test
    void vae_encoder_matches_the_reference() throws Exception {
        assertClose("vae.encode.mean", model.encodeMean(fixtures.array(manager, "vae.encode.image")));
    }

    private static void assertClose(String name, NDArray actual) throws Exception {
        float[] expected = fixtures.floats(name);
        assertArrayEquals(fixtures.info(name).shape(), actual.getShape().getShape(), name + " shape");
        float[] got = actual.toType(DataType.FLOAT32, false).toFloatArray();
        assertEquals(expected.length, got.length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
        }
        double relative = worst / Math.max(scale, 1e-12);
        System.out.printf("%s: max |diff| %.3g, max |ref| %.3g, relative %.3g%n", name, worst, scale, relative);
        assertTrue(scale > 1e-3, name + " reference is all zeros: the fixture proves nothing");
        assertTrue(relative <= TOLERANCE, name + " differs from the reference: relative " + relative);
    }
}
