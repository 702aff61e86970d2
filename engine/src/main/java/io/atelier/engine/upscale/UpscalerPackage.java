package io.atelier.engine.upscale;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The @upscalerjs ESRGAN packages the engine knows (idealo's RDN/RRDN networks trained on DIV2K, MIT licence), each
 * shipping one network per scale under {@code models/x{n}/}. The build puts their {@code models/} and LICENSE under
 * {@code /upscalers/<id>/} on the classpath (slim is committed; medium and thick are fetched from the npm registry at
 * build time, see engine/pom.xml); a package whose files are absent is simply not offered.
 *
 * @param range the value range the network was trained on (esrgan.js: 0..255 for "rdn", 0..1 for "rrdn")
 */
public record UpscalerPackage(String id, String displayName, String npmName, String architecture, float range) {
    public static final List<Integer> SCALES = List.of(2, 3, 4, 8);

    public static final List<UpscalerPackage> KNOWN = List.of(
            new UpscalerPackage("esrgan-slim", "ESRGAN slim (RDN C1 D2 G4)", "@upscalerjs/esrgan-slim", "rdn", 255f),
            new UpscalerPackage("esrgan-medium", "ESRGAN medium (RDN C1 D10 G64)", "@upscalerjs/esrgan-medium", "rdn",
                    255f),
            new UpscalerPackage("esrgan-thick", "ESRGAN thick (RRDN C4 D3 G32 T10)", "@upscalerjs/esrgan-thick",
                    "rrdn", 1f));

    /** The packages whose files are on the classpath, in the order of {@link #KNOWN}. */
    public static List<UpscalerPackage> installedPackages() {
        return KNOWN.stream().filter(UpscalerPackage::installed).toList();
    }

    /** The size of the patches it was trained on (esrgan.js meta.patchSize). */
    public int patchSize(int scale) {
        return scale == 3 ? 129 : 128;
    }

    /** Whether this package's files are on the classpath. */
    public boolean installed() {
        return UpscalerPackage.class.getResource(resource(2, "model.json")) != null;
    }

    /** Reads the network for one scale from the classpath. */
    public TfjsLayersModel read(int scale) throws IOException {
        return TfjsLayersModel.read(name -> {
            if (name.contains("/") || name.contains("..")) {
                throw new IOException("model.json names a file outside its folder: " + name);
            }
            try (InputStream in = UpscalerPackage.class.getResourceAsStream(resource(scale, name))) {
                if (in == null) {
                    throw new IOException(id + " x" + scale + ": " + name + " missing");
                }
                return in.readAllBytes();
            }
        });
    }

    private String resource(int scale, String name) {
        return "/upscalers/" + id + "/models/x" + scale + "/" + name;
    }
}
