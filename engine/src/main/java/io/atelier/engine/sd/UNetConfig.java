package io.atelier.engine.sd;

/**
 * The shape of a CompVis {@code UNetModel} as SD-1.x uses it, read back from a checkpoint's tensor shapes.
 *
 * @param channelMult channels of each resolution level as multiples of {@code modelChannels}
 * @param attentionAtLevel whether the blocks of each level carry a SpatialTransformer
 * @param heads attention heads (SD-1.x: always 8, whatever the width)
 */
public record UNetConfig(int inChannels, int outChannels, int modelChannels, int[] channelMult, int numResBlocks,
                         boolean[] attentionAtLevel, int transformerDepth, int contextDim, int heads) {

    public int timeEmbedDim() {
        return 4 * modelChannels;
    }

    public int levels() {
        return channelMult.length;
    }

    /** Width and height of an image must be multiples of this (VAE x8 times one halving per extra level). */
    public int downsampling() {
        return 1 << (levels() - 1);
    }
}
