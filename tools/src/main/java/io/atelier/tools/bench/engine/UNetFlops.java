package io.atelier.tools.bench.engine;

import io.atelier.engine.sd.UNetConfig;

/**
 * Multiply-add work of one SD-1.x UNet forward, counted as 2 FLOPs per multiply-add over its convolutions, linear
 * layers and attention products (the matrix work; norms and element-wise operations are left out, so the achieved
 * rate it gives is a lower bound). Walks the same blocks as {@code io.atelier.engine.sd.UNet}.
 */
final class UNetFlops {
    private final UNetConfig c;
    private final long contextLength;
    private double flops;

    private UNetFlops(UNetConfig config, long contextLength) {
        this.c = config;
        this.contextLength = contextLength;
    }

    /** FLOPs of one forward of {@code batch} rows of {@code latentH x latentW} latents. */
    static double count(UNetConfig config, int batch, int latentH, int latentW, int contextLength) {
        UNetFlops f = new UNetFlops(config, contextLength);
        f.walk(latentH, latentW);
        return f.flops * batch;
    }

    private void walk(long h, long w) {
        int mc = c.modelChannels();
        linear(mc, c.timeEmbedDim(), 1);
        linear(c.timeEmbedDim(), c.timeEmbedDim(), 1);
        conv(c.inChannels(), mc, 3, h * w);
        java.util.ArrayDeque<Integer> skips = new java.util.ArrayDeque<>();
        skips.push(mc);
        int ch = mc;
        for (int level = 0; level < c.levels(); level++) {
            for (int r = 0; r < c.numResBlocks(); r++) {
                int next = c.channelMult()[level] * mc;
                res(ch, next, h * w);
                ch = next;
                if (c.attentionAtLevel()[level]) {
                    transformer(ch, h * w);
                }
                skips.push(ch);
            }
            if (level != c.levels() - 1) {
                h /= 2;
                w /= 2;
                conv(ch, ch, 3, h * w);
                skips.push(ch);
            }
        }
        res(ch, ch, h * w);
        transformer(ch, h * w);
        res(ch, ch, h * w);
        for (int level = c.levels() - 1; level >= 0; level--) {
            for (int i = 0; i <= c.numResBlocks(); i++) {
                int next = c.channelMult()[level] * mc;
                res(ch + skips.pop(), next, h * w);
                ch = next;
                if (c.attentionAtLevel()[level]) {
                    transformer(ch, h * w);
                }
                if (level != 0 && i == c.numResBlocks()) {
                    h *= 2;
                    w *= 2;
                    conv(ch, ch, 3, h * w);
                }
            }
        }
        conv(ch, c.outChannels(), 3, h * w);
    }

    private void res(int in, int out, long pixels) {
        conv(in, out, 3, pixels);
        linear(c.timeEmbedDim(), out, 1);
        conv(out, out, 3, pixels);
        if (in != out) {
            conv(in, out, 1, pixels);
        }
    }

    private void transformer(int ch, long tokens) {
        conv(ch, ch, 1, tokens);
        for (int k = 0; k < c.transformerDepth(); k++) {
            linear(ch, 3 * ch, tokens);
            flops += 4.0 * tokens * tokens * ch;
            linear(ch, ch, tokens);
            linear(ch, ch, tokens);
            linear(c.contextDim(), 2 * ch, contextLength);
            flops += 4.0 * tokens * contextLength * ch;
            linear(ch, ch, tokens);
            linear(ch, 8 * ch, tokens);
            linear(4 * ch, ch, tokens);
        }
        conv(ch, ch, 1, tokens);
    }

    private void conv(long in, long out, int kernel, long pixels) {
        flops += 2.0 * in * out * kernel * kernel * pixels;
    }

    private void linear(long in, long out, long rows) {
        flops += 2.0 * in * out * rows;
    }
}
