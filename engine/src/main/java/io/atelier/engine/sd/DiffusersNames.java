package io.atelier.engine.sd;

import io.atelier.engine.lora.KohyaKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table between diffusers' module names and an SD-1.x checkpoint's original CompVis names, derived from the
 * architecture (levels, res blocks, attention levels), so it fits any SD-1.x-shaped model, the scaled-down test one
 * included. It reads both ways: kohya LoRAs name modules the diffusers way ({@code lora_unet_down_blocks_0_...});
 * a diffusers folder ({@code unet/}, {@code text_encoder/}, {@code vae/}) names its tensors the diffusers way inside
 * each part's own file.
 *
 * <p>Entries are leaf modules (those holding a {@code weight}); a parameter maps by its suffix
 * ({@code .weight}, {@code .bias}) unchanged. One known shape difference: the VAE's mid-block attention projections
 * are linear in diffusers ([c, c]) and 1x1 convolutions in the checkpoint ([c, c, 1, 1]); they carry diffusers'
 * current names ({@code to_q}, {@code to_k}, {@code to_v}, {@code to_out.0}, {@code group_norm}; folders written
 * before diffusers 0.14 say {@code query}, {@code key}, {@code value}, {@code proj_attn}).
 */
public final class DiffusersNames {
    /** kohya's prefixes: the UNet's modules and the (only) text encoder's, dots turned into underscores. */
    public static final String KOHYA_UNET = KohyaKeys.UNET_PREFIX;
    public static final String KOHYA_TEXT = KohyaKeys.TEXT_PREFIX;

    /** The parts of a diffusers folder and the checkpoint prefix their names hang under. */
    public enum Part {
        UNET("unet"), TEXT_ENCODER("text_encoder"), VAE("vae");

        private final String folder;

        Part(String folder) {
            this.folder = folder;
        }

        /** The sub-folder of a diffusers pipeline folder that holds this part. */
        public String folder() {
            return folder;
        }
    }

    /** A module as diffusers names it: its part and its name inside that part's file. */
    public record DiffusersModule(Part part, String name) {
    }

    private final Map<DiffusersModule, String> toCheckpoint = new LinkedHashMap<>();
    private final Map<String, DiffusersModule> toDiffusers = new LinkedHashMap<>();
    private final Map<String, String> kohyaToCheckpoint = new LinkedHashMap<>();

    private DiffusersNames() {
    }

    /** The table for a checkpoint of this architecture: every leaf module of {@link Sd1Layout#expectedShapes}. */
    public static DiffusersNames of(Sd1Config config) {
        Set<String> expected = Sd1Layout.expectedShapes(config).keySet();
        DiffusersNames names = new DiffusersNames();
        new Builder(names, expected).unet(config.unet()).text(expected).vae(config.vae());
        for (String tensor : expected) {
            String module = tensor.substring(0, tensor.lastIndexOf('.'));
            if (tensor.endsWith(".weight") && !names.toDiffusers.containsKey(module)) {
                throw new IllegalStateException("no diffusers name for " + module);
            }
        }
        return names;
    }

    /** The checkpoint module (e.g. {@code model.diffusion_model.input_blocks.1.1.proj_in}) of a diffusers one. */
    public Optional<String> checkpointModule(Part part, String diffusersModule) {
        return Optional.ofNullable(toCheckpoint.get(new DiffusersModule(part, diffusersModule)));
    }

    /** The diffusers module of a checkpoint module. */
    public Optional<DiffusersModule> diffusersModule(String checkpointModule) {
        return Optional.ofNullable(toDiffusers.get(checkpointModule));
    }

    /** A diffusers part's tensor ({@code down_blocks.0.resnets.0.conv1.weight}) as the checkpoint names it. */
    public Optional<String> checkpointTensor(Part part, String diffusersTensor) {
        int dot = diffusersTensor.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : checkpointModule(part, diffusersTensor.substring(0, dot))
                .map(module -> module + diffusersTensor.substring(dot));
    }

    /**
     * The checkpoint module a kohya module name ({@code lora_unet_down_blocks_0_attentions_0_proj_in},
     * {@code lora_te_text_model_encoder_layers_0_self_attn_q_proj}) stands for. The UNet's modules are also found
     * under their CompVis names ({@code lora_unet_input_blocks_1_1_proj_in}), as some trainers write them.
     */
    public Optional<String> checkpointModuleOfKohya(String kohyaModule) {
        return Optional.ofNullable(kohyaToCheckpoint.get(kohyaModule));
    }

    /** Every kohya module name this architecture has, with its checkpoint module, in layout order. */
    public Map<String, String> kohyaModules() {
        return Collections.unmodifiableMap(kohyaToCheckpoint);
    }

    /** Every leaf module, diffusers side to checkpoint side, in layout order. */
    public Map<DiffusersModule, String> modules() {
        return Collections.unmodifiableMap(toCheckpoint);
    }

    private void put(Part part, String diffusers, String checkpoint) {
        DiffusersModule module = new DiffusersModule(part, diffusers);
        if (toCheckpoint.putIfAbsent(module, checkpoint) != null || toDiffusers.putIfAbsent(checkpoint, module) != null) {
            throw new IllegalStateException("two entries for " + part + " " + diffusers + " / " + checkpoint);
        }
        String kohya = switch (part) {
            case UNET -> KOHYA_UNET + diffusers.replace('.', '_');
            case TEXT_ENCODER -> KOHYA_TEXT + diffusers.replace('.', '_');
            case VAE -> null;
        };
        if (kohya != null) {
            kohyaToCheckpoint.put(kohya, checkpoint);
        }
        if (part == Part.UNET) {
            kohyaToCheckpoint.putIfAbsent(KOHYA_UNET + checkpoint.substring(Sd1Layout.UNET.length()).replace('.', '_'),
                    checkpoint);
        }
    }

    /** Walks the architecture the way Sd1Layout does, pairing each block's two names; keeps modules that exist. */
    private static final class Builder {
        private static final List<String[]> RESNET = List.of(new String[] {"norm1", "in_layers.0"},
                new String[] {"conv1", "in_layers.2"}, new String[] {"time_emb_proj", "emb_layers.1"},
                new String[] {"norm2", "out_layers.0"}, new String[] {"conv2", "out_layers.3"},
                new String[] {"conv_shortcut", "skip_connection"});
        private static final List<String[]> VAE_RESNET = List.of(new String[] {"norm1", "norm1"},
                new String[] {"conv1", "conv1"}, new String[] {"norm2", "norm2"}, new String[] {"conv2", "conv2"},
                new String[] {"conv_shortcut", "nin_shortcut"});
        private static final List<String[]> VAE_ATTENTION = List.of(new String[] {"group_norm", "norm"},
                new String[] {"to_q", "q"}, new String[] {"to_k", "k"}, new String[] {"to_v", "v"},
                new String[] {"to_out.0", "proj_out"});

        private final DiffusersNames names;
        private final Set<String> expected;

        Builder(DiffusersNames names, Set<String> expected) {
            this.names = names;
            this.expected = expected;
        }

        private void pair(Part part, String diffusers, String checkpoint) {
            if (expected.contains(checkpoint + ".weight")) {
                names.put(part, diffusers, checkpoint);
            }
        }

        private void pairs(Part part, String diffusers, String checkpoint, List<String[]> inner) {
            for (String[] names : inner) {
                pair(part, diffusers + "." + names[0], checkpoint + "." + names[1]);
            }
        }

        Builder unet(UNetConfig c) {
            Part u = Part.UNET;
            String p = Sd1Layout.UNET;
            pair(u, "time_embedding.linear_1", p + "time_embed.0");
            pair(u, "time_embedding.linear_2", p + "time_embed.2");
            pair(u, "conv_in", p + "input_blocks.0.0");
            int perLevel = c.numResBlocks() + 1;
            for (int level = 0; level < c.levels(); level++) {
                for (int r = 0; r < c.numResBlocks(); r++) {
                    int block = 1 + level * perLevel + r;
                    pairs(u, "down_blocks." + level + ".resnets." + r, p + "input_blocks." + block + ".0", RESNET);
                    transformer("down_blocks." + level + ".attentions." + r, p + "input_blocks." + block + ".1");
                }
                pair(u, "down_blocks." + level + ".downsamplers.0.conv",
                        p + "input_blocks." + (level + 1) * perLevel + ".0.op");
            }
            pairs(u, "mid_block.resnets.0", p + "middle_block.0", RESNET);
            transformer("mid_block.attentions.0", p + "middle_block.1");
            pairs(u, "mid_block.resnets.1", p + "middle_block.2", RESNET);
            for (int up = 0; up < c.levels(); up++) {
                boolean attention = c.attentionAtLevel()[c.levels() - 1 - up];
                for (int r = 0; r < perLevel; r++) {
                    int block = up * perLevel + r;
                    pairs(u, "up_blocks." + up + ".resnets." + r, p + "output_blocks." + block + ".0", RESNET);
                    transformer("up_blocks." + up + ".attentions." + r, p + "output_blocks." + block + ".1");
                }
                pair(u, "up_blocks." + up + ".upsamplers.0.conv", p + "output_blocks." + (up * perLevel
                        + c.numResBlocks()) + "." + (attention ? 2 : 1) + ".conv");
            }
            pair(u, "conv_norm_out", p + "out.0");
            pair(u, "conv_out", p + "out.2");
            return this;
        }

        /** A SpatialTransformer: diffusers' Transformer2DModel uses the same names inside. */
        private void transformer(String diffusers, String checkpoint) {
            for (String leaf : new String[] {"norm", "proj_in", "proj_out"}) {
                pair(Part.UNET, diffusers + "." + leaf, checkpoint + "." + leaf);
            }
            for (int k = 0; expected.contains(checkpoint + ".transformer_blocks." + k + ".norm1.weight"); k++) {
                String block = ".transformer_blocks." + k + ".";
                for (String leaf : new String[] {"norm1", "norm2", "norm3", "attn1.to_q", "attn1.to_k", "attn1.to_v",
                        "attn1.to_out.0", "attn2.to_q", "attn2.to_k", "attn2.to_v", "attn2.to_out.0", "ff.net.0.proj",
                        "ff.net.2"}) {
                    pair(Part.UNET, diffusers + block + leaf, checkpoint + block + leaf);
                }
            }
        }

        /** HF CLIPTextModel: the checkpoint holds it whole under {@code cond_stage_model.transformer.}. */
        Builder text(Set<String> tensors) {
            String outer = "cond_stage_model.transformer.";
            for (String tensor : tensors) {
                if (tensor.startsWith(Sd1Layout.TEXT) && tensor.endsWith(".weight")) {
                    String module = tensor.substring(0, tensor.length() - ".weight".length());
                    pair(Part.TEXT_ENCODER, module.substring(outer.length()), module);
                }
            }
            return this;
        }

        /** The KL autoencoder: diffusers numbers the decoder's levels the other way round. */
        Builder vae(VaeConfig c) {
            Part v = Part.VAE;
            String p = Sd1Layout.VAE;
            int last = c.levels() - 1;
            pair(v, "encoder.conv_in", p + "encoder.conv_in");
            for (int level = 0; level < c.levels(); level++) {
                for (int r = 0; r < c.numResBlocks(); r++) {
                    pairs(v, "encoder.down_blocks." + level + ".resnets." + r,
                            p + "encoder.down." + level + ".block." + r, VAE_RESNET);
                }
                pair(v, "encoder.down_blocks." + level + ".downsamplers.0.conv",
                        p + "encoder.down." + level + ".downsample.conv");
            }
            for (String side : new String[] {"encoder", "decoder"}) {
                pairs(v, side + ".mid_block.resnets.0", p + side + ".mid.block_1", VAE_RESNET);
                pairs(v, side + ".mid_block.attentions.0", p + side + ".mid.attn_1", VAE_ATTENTION);
                pairs(v, side + ".mid_block.resnets.1", p + side + ".mid.block_2", VAE_RESNET);
                pair(v, side + ".conv_norm_out", p + side + ".norm_out");
                pair(v, side + ".conv_out", p + side + ".conv_out");
            }
            pair(v, "quant_conv", p + "quant_conv");
            pair(v, "post_quant_conv", p + "post_quant_conv");
            pair(v, "decoder.conv_in", p + "decoder.conv_in");
            for (int up = 0; up < c.levels(); up++) {
                int level = last - up;
                for (int r = 0; r <= c.numResBlocks(); r++) {
                    pairs(v, "decoder.up_blocks." + up + ".resnets." + r, p + "decoder.up." + level + ".block." + r,
                            VAE_RESNET);
                }
                pair(v, "decoder.up_blocks." + up + ".upsamplers.0.conv", p + "decoder.up." + level + ".upsample.conv");
            }
            return this;
        }
    }
}
