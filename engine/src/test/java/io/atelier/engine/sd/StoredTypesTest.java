package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.safetensors.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are shared as float32, float16 and bfloat16: the same weights stored each way give the same networks.
 * The committed checkpoint is float16; float32 holds those values exactly, bfloat16 rounds them to 8 bits of mantissa.
 */
class StoredTypesTest {
    @TempDir
    Path dir;

    @Test
    void float32_and_bfloat16_copies_of_the_float16_checkpoint_give_the_same_unet() throws IOException {
        float[] fromHalf = unetOutput(TinyCheckpoint.path());
        float[] fromSingle = unetOutput(copyAs(TensorType.F32));
        float[] fromBrain = unetOutput(copyAs(TensorType.BF16));
        assertEquals(0.0, maxRelative(fromHalf, fromSingle), "float16 widened to float32 is exact");
        double bf16 = maxRelative(fromHalf, fromBrain);
        assertTrue(bf16 > 0 && bf16 < 0.05, "bfloat16 weights stay within rounding: " + bf16);
    }

    private Path copyAs(TensorType type) throws IOException {
        SafeTensorsWriter writer = new SafeTensorsWriter();
        try (SafeTensorsFile file = SafeTensorsFile.open(TinyCheckpoint.path())) {
            for (TensorInfo info : file.tensors().values()) {
                if (!info.type().isFloat()) {
                    ByteBuffer raw = file.bytes(info.name());
                    byte[] bytes = new byte[raw.remaining()];
                    raw.get(bytes);
                    writer.add(info.name(), info.type(), info.shape(), bytes);
                    continue;
                }
                float[] values = file.floats(info.name());
                ByteBuffer out = ByteBuffer.allocate(values.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    if (type == TensorType.F32) {
                        out.putFloat(v);
                    } else {
                        // Round to nearest even on the upper 16 bits.
                        int bits = Float.floatToRawIntBits(v);
                        out.putShort((short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16));
                    }
                }
                writer.add(info.name(), type, info.shape(), out.array());
            }
        }
        Path target = dir.resolve(type.wireName() + ".safetensors");
        writer.write(target);
        return target;
    }

    private static float[] unetOutput(Path checkpoint) throws IOException {
        try (SafeTensorsFile file = SafeTensorsFile.open(checkpoint);
             SafeTensorsFile fixtures = SafeTensorsFile.open(TinyCheckpoint.fixtures());
             Sd1Model model = Sd1Model.load(file, CheckpointInspector.inspect(file), Device.cpu(), DataType.FLOAT32);
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return model.predictNoise(fixtures.array(manager, "unet.sample"), fixtures.array(manager, "unet.timesteps"),
                    fixtures.array(manager, "unet.context")).toFloatArray();
        }
    }

    private static double maxRelative(float[] a, float[] b) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return worst / scale;
    }
}
