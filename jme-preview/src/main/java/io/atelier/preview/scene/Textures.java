package io.atelier.preview.scene;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.texture.plugins.AWTLoader;

import java.awt.image.BufferedImage;

/** BufferedImage to jME texture, with the colour space said out loud (colours sRGB, normal maps linear). */
public final class Textures {
    private static final AWTLoader LOADER = new AWTLoader();

    private Textures() {
    }

    public static Texture2D colour(BufferedImage image) {
        return create(image, ColorSpace.sRGB);
    }

    public static Texture2D data(BufferedImage image) {
        return create(image, ColorSpace.Linear);
    }

    /** The picture a texture was made from, top row first; null for textures not made here. */
    public static BufferedImage source(Texture texture) {
        return texture instanceof SourcedTexture sourced ? sourced.source : null;
    }

    /**
     * A texture that keeps the upright picture it was made from, for exporters (jME keeps only flipped bytes). Held
     * by the texture itself: a side table keyed by jME's {@link Image} loses entries, because images compare equal by
     * content and a weak map keeps the first, soon collected, of two equal keys.
     */
    private static final class SourcedTexture extends Texture2D {
        private final BufferedImage source;

        SourcedTexture(Image image, BufferedImage source) {
            super(image);
            this.source = source;
        }
    }

    private static Texture2D create(BufferedImage image, ColorSpace space) {
        // flipY: jME samples v = 0 at the bottom row, as OpenGL does.
        Image jmeImage = LOADER.load(image, true);
        jmeImage.setColorSpace(space);
        Texture2D texture = new SourcedTexture(jmeImage, image);
        texture.setMinFilter(Texture.MinFilter.Trilinear);
        texture.setMagFilter(Texture.MagFilter.Bilinear);
        texture.setAnisotropicFilter(4);
        texture.setWrap(Texture.WrapMode.Repeat);
        return texture;
    }
}
