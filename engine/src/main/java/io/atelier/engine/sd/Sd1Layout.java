package io.atelier.engine.sd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensor names and shapes of an SD-1.x single-file checkpoint in the original CompVis layout, both ways: the
 * architecture is read from a few anchor shapes ({@link #infer}), then every tensor the architecture implies is
 * listed with its shape ({@link #expectedShapes}) so that a file can be checked whole before anything is loaded.
 */
public final class Sd1Layout {
    public static final String UNET = "model.diffusion_model.";
    public static final String TEXT = "cond_stage_model.transformer.text_model.";
    public static final String VAE = "first_stage_model.";
    /** SD-1.x's UNet uses 8 heads at every width (SD-2.x switched to 64-wide heads). */
    static final int SD1_HEADS = 8;

    private Sd1Layout() {
    }

    /** A shape lookup that fails with the missing tensor's name. */
    interface Shapes {
        long[] of(String name);

        boolean has(String name);
    }

    static Shapes over(Map<String, long[]> shapes) {
        return new Shapes() {
            @Override
            public long[] of(String name) {
                long[] shape = shapes.get(name);
                if (shape == null) {
                    throw new LayoutException("tensor '" + name + "' is missing");
                }
                return shape;
            }

            @Override
            public boolean has(String name) {
                return shapes.containsKey(name);
            }
        };
    }

    /** Reads the architecture from the anchor tensors; throws {@link LayoutException} naming what does not fit. */
    public static Sd1Config infer(Map<String, long[]> shapes) {
        Shapes s = over(shapes);
        return new Sd1Config(inferUNet(s), inferText(s), inferVae(s));
    }

    private static UNetConfig inferUNet(Shapes s) {
        String p = UNET;
        long[] convIn = s.of(p + "input_blocks.0.0.weight");
        int modelChannels = (int) convIn[0];
        List<Integer> mult = new ArrayList<>();
        List<Boolean> attention = new ArrayList<>();
        int numRes = -1;
        int inLevel = 0;
        int block = 1;
        while (s.has(p + "input_blocks." + block + ".0.op.weight")
                || s.has(p + "input_blocks." + block + ".0.in_layers.0.weight")) {
            String at = p + "input_blocks." + block + ".";
            if (s.has(at + "0.op.weight")) {
                numRes = numRes < 0 ? inLevel : numRes;
                if (inLevel != numRes) {
                    throw new LayoutException("the UNet's levels have different numbers of res blocks");
                }
                inLevel = 0;
            } else {
                if (inLevel == 0) {
                    mult.add((int) (s.of(at + "0.out_layers.3.weight")[0] / modelChannels));
                    attention.add(s.has(at + "1.proj_in.weight"));
                }
                inLevel++;
            }
            block++;
        }
        if (mult.isEmpty()) {
            throw new LayoutException("the UNet has no input blocks");
        }
        numRes = numRes < 0 ? inLevel : numRes;
        int depth = 0;
        int contextDim = 0;
        String firstTransformer = p + "middle_block.1.";
        while (s.has(firstTransformer + "transformer_blocks." + depth + ".attn2.to_k.weight")) {
            contextDim = (int) s.of(firstTransformer + "transformer_blocks." + depth + ".attn2.to_k.weight")[1];
            depth++;
        }
        if (depth == 0) {
            throw new LayoutException("the UNet's middle block has no cross-attention");
        }
        int outChannels = (int) s.of(p + "out.2.weight")[0];
        int[] multArray = mult.stream().mapToInt(Integer::intValue).toArray();
        boolean[] attentionArray = new boolean[attention.size()];
        for (int i = 0; i < attentionArray.length; i++) {
            attentionArray[i] = attention.get(i);
        }
        for (int m : multArray) {
            if (m * modelChannels % SD1_HEADS != 0 || m * modelChannels % 32 != 0) {
                throw new LayoutException("UNet width " + m * modelChannels + " does not divide into 32 groups");
            }
        }
        return new UNetConfig((int) convIn[1], outChannels, modelChannels, multArray, numRes, attentionArray, depth,
                contextDim, SD1_HEADS);
    }

    private static ClipTextConfig inferText(Shapes s) {
        long[] tokens = s.of(TEXT + "embeddings.token_embedding.weight");
        long[] positions = s.of(TEXT + "embeddings.position_embedding.weight");
        int layers = 0;
        while (s.has(TEXT + "encoder.layers." + layers + ".self_attn.q_proj.weight")) {
            layers++;
        }
        if (layers == 0) {
            throw new LayoutException("the text encoder has no layers");
        }
        int intermediate = (int) s.of(TEXT + "encoder.layers.0.mlp.fc1.weight")[0];
        return new ClipTextConfig((int) tokens[0], (int) positions[0], (int) tokens[1], layers, intermediate);
    }

    private static VaeConfig inferVae(Shapes s) {
        long[] convIn = s.of(VAE + "encoder.conv_in.weight");
        int ch = (int) convIn[0];
        List<Integer> mult = new ArrayList<>();
        while (s.has(VAE + "encoder.down." + mult.size() + ".block.0.conv2.weight")) {
            mult.add((int) (s.of(VAE + "encoder.down." + mult.size() + ".block.0.conv2.weight")[0] / ch));
        }
        if (mult.isEmpty()) {
            throw new LayoutException("the autoencoder has no down blocks");
        }
        int numRes = 0;
        while (s.has(VAE + "encoder.down.0.block." + numRes + ".conv1.weight")) {
            numRes++;
        }
        int z = (int) s.of(VAE + "decoder.conv_in.weight")[1];
        return new VaeConfig((int) convIn[1], ch, mult.stream().mapToInt(Integer::intValue).toArray(), numRes, z);
    }

    /** Every tensor the architecture implies, with its shape, in a stable order. */
    public static Map<String, long[]> expectedShapes(Sd1Config config) {
        Map<String, long[]> out = new LinkedHashMap<>();
        unet(out, config.unet());
        text(out, config.text());
        vae(out, config.vae());
        return out;
    }

    private static void unet(Map<String, long[]> out, UNetConfig c) {
        String p = UNET;
        int mc = c.modelChannels();
        int temb = c.timeEmbedDim();
        linear(out, p + "time_embed.0", mc, temb);
        linear(out, p + "time_embed.2", temb, temb);
        conv(out, p + "input_blocks.0.0", c.inChannels(), mc, 3);
        List<Integer> skips = new ArrayList<>(List.of(mc));
        int ch = mc;
        int block = 1;
        for (int level = 0; level < c.levels(); level++) {
            for (int r = 0; r < c.numResBlocks(); r++) {
                int next = c.channelMult()[level] * mc;
                resBlock(out, p + "input_blocks." + block + ".0", ch, next, temb);
                ch = next;
                if (c.attentionAtLevel()[level]) {
                    transformer(out, p + "input_blocks." + block + ".1", ch, c.contextDim(), c.transformerDepth());
                }
                skips.add(ch);
                block++;
            }
            if (level != c.levels() - 1) {
                conv(out, p + "input_blocks." + block + ".0.op", ch, ch, 3);
                skips.add(ch);
                block++;
            }
        }
        resBlock(out, p + "middle_block.0", ch, ch, temb);
        transformer(out, p + "middle_block.1", ch, c.contextDim(), c.transformerDepth());
        resBlock(out, p + "middle_block.2", ch, ch, temb);
        block = 0;
        for (int level = c.levels() - 1; level >= 0; level--) {
            for (int i = 0; i <= c.numResBlocks(); i++) {
                int skip = skips.remove(skips.size() - 1);
                int next = c.channelMult()[level] * mc;
                resBlock(out, p + "output_blocks." + block + ".0", ch + skip, next, temb);
                ch = next;
                int sub = 1;
                if (c.attentionAtLevel()[level]) {
                    transformer(out, p + "output_blocks." + block + ".1", ch, c.contextDim(), c.transformerDepth());
                    sub = 2;
                }
                if (level != 0 && i == c.numResBlocks()) {
                    conv(out, p + "output_blocks." + block + "." + sub + ".conv", ch, ch, 3);
                }
                block++;
            }
        }
        norm(out, p + "out.0", ch);
        conv(out, p + "out.2", ch, c.outChannels(), 3);
    }

    private static void resBlock(Map<String, long[]> out, String p, int in, int ch, int temb) {
        norm(out, p + ".in_layers.0", in);
        conv(out, p + ".in_layers.2", in, ch, 3);
        linear(out, p + ".emb_layers.1", temb, ch);
        norm(out, p + ".out_layers.0", ch);
        conv(out, p + ".out_layers.3", ch, ch, 3);
        if (in != ch) {
            conv(out, p + ".skip_connection", in, ch, 1);
        }
    }

    private static void transformer(Map<String, long[]> out, String p, int ch, int context, int depth) {
        norm(out, p + ".norm", ch);
        conv(out, p + ".proj_in", ch, ch, 1);
        for (int k = 0; k < depth; k++) {
            String b = p + ".transformer_blocks." + k;
            norm(out, b + ".norm1", ch);
            norm(out, b + ".norm2", ch);
            norm(out, b + ".norm3", ch);
            attention(out, b + ".attn1", ch, ch);
            attention(out, b + ".attn2", ch, context);
            linear(out, b + ".ff.net.0.proj", ch, 8 * ch);
            linear(out, b + ".ff.net.2", 4 * ch, ch);
        }
        conv(out, p + ".proj_out", ch, ch, 1);
    }

    private static void attention(Map<String, long[]> out, String p, int ch, int context) {
        out.put(p + ".to_q.weight", new long[] {ch, ch});
        out.put(p + ".to_k.weight", new long[] {ch, context});
        out.put(p + ".to_v.weight", new long[] {ch, context});
        linear(out, p + ".to_out.0", ch, ch);
    }

    private static void text(Map<String, long[]> out, ClipTextConfig c) {
        String p = TEXT;
        int w = c.width();
        out.put(p + "embeddings.token_embedding.weight", new long[] {c.vocabSize(), w});
        out.put(p + "embeddings.position_embedding.weight", new long[] {c.positions(), w});
        for (int i = 0; i < c.layers(); i++) {
            String l = p + "encoder.layers." + i;
            norm(out, l + ".layer_norm1", w);
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear(out, l + ".self_attn." + proj, w, w);
            }
            norm(out, l + ".layer_norm2", w);
            linear(out, l + ".mlp.fc1", w, c.intermediate());
            linear(out, l + ".mlp.fc2", c.intermediate(), w);
        }
        norm(out, p + "final_layer_norm", w);
    }

    private static void vae(Map<String, long[]> out, VaeConfig c) {
        String e = VAE + "encoder.";
        int last = c.levels() - 1;
        conv(out, e + "conv_in", c.imageChannels(), c.ch(), 3);
        int ch = c.ch();
        for (int i = 0; i < c.levels(); i++) {
            int next = c.ch() * c.chMult()[i];
            for (int j = 0; j < c.numResBlocks(); j++) {
                resnet(out, e + "down." + i + ".block." + j, ch, next);
                ch = next;
            }
            if (i != last) {
                conv(out, e + "down." + i + ".downsample.conv", ch, ch, 3);
            }
        }
        middle(out, e + "mid", ch);
        norm(out, e + "norm_out", ch);
        conv(out, e + "conv_out", ch, 2 * c.zChannels(), 3);
        conv(out, VAE + "quant_conv", 2 * c.zChannels(), 2 * c.zChannels(), 1);
        conv(out, VAE + "post_quant_conv", c.zChannels(), c.zChannels(), 1);
        String d = VAE + "decoder.";
        ch = c.ch() * c.chMult()[last];
        conv(out, d + "conv_in", c.zChannels(), ch, 3);
        middle(out, d + "mid", ch);
        for (int i = last; i >= 0; i--) {
            int next = c.ch() * c.chMult()[i];
            for (int j = 0; j <= c.numResBlocks(); j++) {
                resnet(out, d + "up." + i + ".block." + j, ch, next);
                ch = next;
            }
            if (i != 0) {
                conv(out, d + "up." + i + ".upsample.conv", ch, ch, 3);
            }
        }
        norm(out, d + "norm_out", ch);
        conv(out, d + "conv_out", ch, c.imageChannels(), 3);
    }

    private static void middle(Map<String, long[]> out, String p, int ch) {
        resnet(out, p + ".block_1", ch, ch);
        norm(out, p + ".attn_1.norm", ch);
        for (String proj : new String[] {"q", "k", "v", "proj_out"}) {
            conv(out, p + ".attn_1." + proj, ch, ch, 1);
        }
        resnet(out, p + ".block_2", ch, ch);
    }

    private static void resnet(Map<String, long[]> out, String p, int in, int ch) {
        norm(out, p + ".norm1", in);
        conv(out, p + ".conv1", in, ch, 3);
        norm(out, p + ".norm2", ch);
        conv(out, p + ".conv2", ch, ch, 3);
        if (in != ch) {
            conv(out, p + ".nin_shortcut", in, ch, 1);
        }
    }

    private static void linear(Map<String, long[]> out, String p, int in, int outFeatures) {
        out.put(p + ".weight", new long[] {outFeatures, in});
        out.put(p + ".bias", new long[] {outFeatures});
    }

    private static void conv(Map<String, long[]> out, String p, int in, int outChannels, int kernel) {
        out.put(p + ".weight", new long[] {outChannels, in, kernel, kernel});
        out.put(p + ".bias", new long[] {outChannels});
    }

    private static void norm(Map<String, long[]> out, String p, int ch) {
        out.put(p + ".weight", new long[] {ch});
        out.put(p + ".bias", new long[] {ch});
    }
}
