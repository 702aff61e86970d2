package io.atelier.engine.sd;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.TensorInfo;
import java.util.Map;

/**
 * An SD-1.x architecture read from a diffusers folder's tensor shapes (the diffusers twin of
 * {@link Sd1Layout#infer}): widths from the first convolutions, levels and res blocks by counting blocks, attention
 * where a level has {@code attentions}, the text width from the cross-attention keys.
 */
final class DiffusersLayout {
    private DiffusersLayout() {
    }

    static Sd1Config infer(Map<DiffusersNames.Part, SafeTensorsFile> parts) {
        Map<String, TensorInfo> unet = parts.get(DiffusersNames.Part.UNET).tensors();
        Map<String, TensorInfo> text = parts.get(DiffusersNames.Part.TEXT_ENCODER).tensors();
        Map<String, TensorInfo> vae = parts.get(DiffusersNames.Part.VAE).tensors();
        if (unet.keySet().stream().anyMatch(n -> n.startsWith("add_embedding."))) {
            throw new LayoutException("it is an SDXL pipeline; this version runs SD-1.x (SDXL is next)");
        }
        long[] convIn = shape(unet, "unet", "conv_in.weight");
        int mc = (int) convIn[0];
        int levels = count(unet, "down_blocks.", ".resnets.0.conv1.weight");
        int[] mult = new int[levels];
        boolean[] attention = new boolean[levels];
        for (int i = 0; i < levels; i++) {
            mult[i] = (int) (shape(unet, "unet", "down_blocks." + i + ".resnets.0.conv2.weight")[0] / mc);
            attention[i] = unet.containsKey("down_blocks." + i + ".attentions.0.proj_in.weight");
        }
        int numRes = count(unet, "down_blocks.0.resnets.", ".conv1.weight");
        int depth = count(unet, "mid_block.attentions.0.transformer_blocks.", ".attn2.to_k.weight");
        int context = (int) shape(unet, "unet", "mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight")[1];
        int out = (int) shape(unet, "unet", "conv_out.weight")[0];
        UNetConfig unetConfig = new UNetConfig((int) convIn[1], out, mc, mult, numRes, attention, depth, context,
                Sd1Layout.SD1_HEADS);

        long[] tokens = shape(text, "text_encoder", "text_model.embeddings.token_embedding.weight");
        long[] positions = shape(text, "text_encoder", "text_model.embeddings.position_embedding.weight");
        int layers = count(text, "text_model.encoder.layers.", ".self_attn.q_proj.weight");
        int intermediate = (int) shape(text, "text_encoder", "text_model.encoder.layers.0.mlp.fc1.weight")[0];
        ClipTextConfig textConfig = new ClipTextConfig((int) tokens[0], (int) positions[0], (int) tokens[1], layers,
                intermediate);

        long[] vaeIn = shape(vae, "vae", "encoder.conv_in.weight");
        int ch = (int) vaeIn[0];
        int vaeLevels = count(vae, "encoder.down_blocks.", ".resnets.0.conv1.weight");
        int[] chMult = new int[vaeLevels];
        for (int i = 0; i < vaeLevels; i++) {
            chMult[i] = (int) (shape(vae, "vae", "encoder.down_blocks." + i + ".resnets.0.conv2.weight")[0] / ch);
        }
        int vaeRes = count(vae, "encoder.down_blocks.0.resnets.", ".conv1.weight");
        int z = (int) shape(vae, "vae", "decoder.conv_in.weight")[1];
        return new Sd1Config(unetConfig, textConfig, new VaeConfig((int) vaeIn[1], ch, chMult, vaeRes, z));
    }

    private static long[] shape(Map<String, TensorInfo> tensors, String part, String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new LayoutException("tensor '" + part + "/" + name + "' is missing");
        }
        return info.shape();
    }

    /** How many {@code prefix N suffix} tensors exist for N = 0, 1, 2, ... */
    private static int count(Map<String, TensorInfo> tensors, String prefix, String suffix) {
        int n = 0;
        while (tensors.containsKey(prefix + n + suffix)) {
            n++;
        }
        return n;
    }
}
