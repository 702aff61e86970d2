package io.atelier.preview.scene;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.texture.plugins.AWTLoader;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** BufferedImage to jME texture, with the colour space said out loud (colours sRGB, normal maps linear). */
public final class Textures {
    private static final AWTLoader LOADER = new AWTLoader();
    /** The upright source picture of each texture we made, for exporters (jME keeps only flipped bytes). */
    private static final Map<Image, BufferedImage> SOURCES = Collections.synchronizedMap(new WeakHashMap<>());

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
        return texture == null ? null : SOURCES.get(texture.getImage());
    }

    private static Texture2D create(BufferedImage image, ColorSpace space) {
        // flipY: jME samples v = 0 at the bottom row, as OpenGL does.
        Image jmeImage = LOADER.load(image, true);
        jmeImage.setColorSpace(space);
        SOURCES.put(jmeImage, image);
        Texture2D texture = new Texture2D(jmeImage);
        texture.setMinFilter(Texture.MinFilter.Trilinear);
        texture.setMagFilter(Texture.MagFilter.Bilinear);
        texture.setAnisotropicFilter(4);
        texture.setWrap(Texture.WrapMode.Repeat);
        return texture;
    }
}
