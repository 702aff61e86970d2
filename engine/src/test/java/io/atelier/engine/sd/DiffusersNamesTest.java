package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.sd.DiffusersNames.DiffusersModule;
import io.atelier.engine.sd.DiffusersNames.Part;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The diffusers / kohya names against the full SD-1.5 layout (every tensor of the real file) and the scaled-down
 * checkpoint: the pairs diffusers' own conversion script makes, and every name kohya writes finds a real tensor.
 */
class DiffusersNamesTest {
    /** What kohya's SD-1.x LoRA trainer targets: every Linear / 1x1 Conv of the Transformer2DModels and CLIP. */
    private static final Pattern KOHYA_ATTENTION = Pattern.compile(
            "lora_unet_(down_blocks_\\d_|up_blocks_\\d_|mid_block_)attentions_\\d_(proj_in|proj_out|transformer_blocks_"
                    + "\\d_(attn[12]_to_(q|k|v|out_0)|ff_net_0_proj|ff_net_2))");
    private static final Pattern KOHYA_TEXT = Pattern.compile(
            "lora_te_text_model_encoder_layers_\\d+_(self_attn_(q|k|v|out)_proj|mlp_fc[12])");

    private static Map<String, TensorInfo> sd15() throws IOException {
        return Sd1LayoutTest.realSd15Header();
    }

    @Test
    void sd15_pairs_match_diffusers_conversion() throws IOException {
        DiffusersNames names = DiffusersNames.of(CheckpointInspector.inspect(sd15()));
        String u = Sd1Layout.UNET;
        assertPair(names, Part.UNET, "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q",
                u + "input_blocks.1.1.transformer_blocks.0.attn1.to_q");
        assertPair(names, Part.UNET, "down_blocks.1.attentions.1.proj_in", u + "input_blocks.5.1.proj_in");
        assertPair(names, Part.UNET, "down_blocks.0.downsamplers.0.conv", u + "input_blocks.3.0.op");
        assertPair(names, Part.UNET, "down_blocks.1.resnets.0.conv_shortcut", u + "input_blocks.4.0.skip_connection");
        assertPair(names, Part.UNET, "down_blocks.3.resnets.1.conv2", u + "input_blocks.11.0.out_layers.3");
        assertPair(names, Part.UNET, "down_blocks.0.resnets.0.time_emb_proj", u + "input_blocks.1.0.emb_layers.1");
        assertPair(names, Part.UNET, "mid_block.attentions.0.proj_out", u + "middle_block.1.proj_out");
        assertPair(names, Part.UNET, "mid_block.resnets.1.norm1", u + "middle_block.2.in_layers.0");
        assertPair(names, Part.UNET, "up_blocks.0.resnets.2.conv1", u + "output_blocks.2.0.in_layers.2");
        assertPair(names, Part.UNET, "up_blocks.0.upsamplers.0.conv", u + "output_blocks.2.1.conv");
        assertPair(names, Part.UNET, "up_blocks.1.attentions.2.transformer_blocks.0.ff.net.2",
                u + "output_blocks.5.1.transformer_blocks.0.ff.net.2");
        assertPair(names, Part.UNET, "up_blocks.1.upsamplers.0.conv", u + "output_blocks.5.2.conv");
        assertPair(names, Part.UNET, "up_blocks.3.attentions.2.proj_out", u + "output_blocks.11.1.proj_out");
        assertPair(names, Part.UNET, "time_embedding.linear_2", u + "time_embed.2");
        assertPair(names, Part.UNET, "conv_out", u + "out.2");
        assertPair(names, Part.TEXT_ENCODER, "text_model.encoder.layers.11.mlp.fc2",
                Sd1Layout.TEXT + "encoder.layers.11.mlp.fc2");
        assertPair(names, Part.TEXT_ENCODER, "text_model.final_layer_norm", Sd1Layout.TEXT + "final_layer_norm");
        String v = Sd1Layout.VAE;
        assertPair(names, Part.VAE, "decoder.up_blocks.0.resnets.0.conv1", v + "decoder.up.3.block.0.conv1");
        assertPair(names, Part.VAE, "decoder.up_blocks.3.resnets.0.conv_shortcut", v + "decoder.up.0.block.0.nin_shortcut");
        assertPair(names, Part.VAE, "decoder.up_blocks.2.upsamplers.0.conv", v + "decoder.up.1.upsample.conv");
        assertPair(names, Part.VAE, "encoder.mid_block.attentions.0.to_out.0", v + "encoder.mid.attn_1.proj_out");
        assertPair(names, Part.VAE, "encoder.down_blocks.2.downsamplers.0.conv", v + "encoder.down.2.downsample.conv");
        assertEquals(Optional.of(u + "input_blocks.1.0.in_layers.2.weight"),
                names.checkpointTensor(Part.UNET, "down_blocks.0.resnets.0.conv1.weight"));
    }

    @Test
    void every_sd15_weight_has_one_diffusers_name_and_back() throws IOException {
        Map<String, TensorInfo> header = sd15();
        DiffusersNames names = DiffusersNames.of(CheckpointInspector.inspect(header));
        long weights = Sd1Layout.expectedShapes(CheckpointInspector.inspect(header)).keySet().stream()
                .filter(n -> n.endsWith(".weight")).count();
        assertEquals(weights, names.modules().size());
        names.modules().forEach((diffusers, checkpoint) -> {
            assertTrue(header.containsKey(checkpoint + ".weight"), checkpoint);
            assertEquals(Optional.of(diffusers), names.diffusersModule(checkpoint));
            assertEquals(Optional.of(checkpoint), names.checkpointModule(diffusers.part(), diffusers.name()));
        });
    }

    @Test
    void every_module_a_kohya_sd15_lora_names_is_a_real_tensor() throws IOException {
        Map<String, TensorInfo> header = sd15();
        DiffusersNames names = DiffusersNames.of(CheckpointInspector.inspect(header));
        long attention = names.kohyaModules().keySet().stream().filter(k -> KOHYA_ATTENTION.matcher(k).matches())
                .count();
        long text = names.kohyaModules().keySet().stream().filter(k -> KOHYA_TEXT.matcher(k).matches()).count();
        // kohya's SD-1.5 LoRAs hold 192 UNet and 72 text-encoder modules (792 keys with their alphas).
        assertEquals(192, attention);
        assertEquals(72, text);
        names.kohyaModules().forEach((kohya, checkpoint) ->
                assertTrue(header.containsKey(checkpoint + ".weight"), kohya + " -> " + checkpoint));
        assertEquals(Optional.of(Sd1Layout.UNET + "input_blocks.1.1.transformer_blocks.0.attn1.to_q"),
                names.checkpointModuleOfKohya("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q"));
        assertEquals(Optional.of(Sd1Layout.UNET + "middle_block.1.proj_in"),
                names.checkpointModuleOfKohya("lora_unet_mid_block_attentions_0_proj_in"));
        assertEquals(Optional.of(Sd1Layout.UNET + "input_blocks.1.0.in_layers.2"),
                names.checkpointModuleOfKohya("lora_unet_down_blocks_0_resnets_0_conv1"));
        assertEquals(Optional.of(Sd1Layout.UNET + "input_blocks.1.1.proj_in"),
                names.checkpointModuleOfKohya("lora_unet_input_blocks_1_1_proj_in"));
        assertEquals(Optional.of(Sd1Layout.TEXT + "encoder.layers.0.self_attn.q_proj"),
                names.checkpointModuleOfKohya("lora_te_text_model_encoder_layers_0_self_attn_q_proj"));
        assertEquals(Optional.empty(), names.checkpointModuleOfKohya(
                "lora_unet_down_blocks_0_attentions_0_transformer_blocks_1_attn1_to_q"));
    }

    @Test
    void the_scaled_down_checkpoint_gets_its_own_table() throws IOException {
        try (SafeTensorsFile file = SafeTensorsFile.open(TinyCheckpoint.path())) {
            DiffusersNames names = DiffusersNames.of(CheckpointInspector.inspect(file));
            names.modules().values().forEach(checkpoint ->
                    assertTrue(file.tensors().containsKey(checkpoint + ".weight"), checkpoint));
            assertEquals(Optional.empty(), names.checkpointModule(Part.UNET, "down_blocks.2.resnets.0.conv_shortcut"),
                    "the tiny UNet keeps its width there, so it has no shortcut");
            assertEquals(Optional.of(Sd1Layout.TEXT + "encoder.layers.1.self_attn.v_proj"),
                    names.checkpointModuleOfKohya("lora_te_text_model_encoder_layers_1_self_attn_v_proj"));
            assertEquals(Optional.empty(),
                    names.checkpointModuleOfKohya("lora_te_text_model_encoder_layers_2_self_attn_v_proj"));
        }
    }

    private static void assertPair(DiffusersNames names, Part part, String diffusers, String checkpoint) {
        assertEquals(Optional.of(checkpoint), names.checkpointModule(part, diffusers), diffusers);
        assertEquals(Optional.of(new DiffusersModule(part, diffusers)), names.diffusersModule(checkpoint), checkpoint);
    }
}
