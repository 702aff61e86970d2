package io.atelier.preview.render;

import com.jme3.asset.AssetManager;
import com.jme3.math.ColorRGBA;
import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.scene.GarmentSpatials;
import io.atelier.preview.scene.Mannequins;
import io.atelier.preview.scene.MaterialFactory;
import io.atelier.preview.scene.Shapes;
import io.atelier.preview.store.CameraPreset;
import io.atelier.preview.store.StoreImages;
import io.atelier.preview.store.StoreScene;
import io.atelier.preview.store.StoreSceneBuilder;
import io.atelier.preview.store.TimeOfDay;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link PreviewScene} from a request. Needs an asset manager (for material definitions), not GL. */
public final class PreviewSceneFactory {
    private final AssetManager assets;
    private final MaterialFactory materials;

    public PreviewSceneFactory(AssetManager assets) {
        this.assets = assets;
        this.materials = new MaterialFactory(assets);
    }

    public PreviewScene build(PreviewRequest request) {
        return request.scene() == SceneKind.STORE ? store(request) : garment(request);
    }

    private PreviewScene store(PreviewRequest request) {
        TimeOfDay time = request.time();
        StoreScene store = new StoreSceneBuilder(assets).build(request.store(), new StoreImages(request.images()), time);
        Node root = new Node("preview");
        root.attachChild(store.root());
        root.attachChild(SkyDome.create(assets, MaterialFactory.srgb(time.skyZenith()), MaterialFactory.srgb(time.skyHorizon())));
        List<Shot> shots = new ArrayList<>();
        int count = request.cameraOrNull() != null ? 1 : Math.min(request.views(), CameraPreset.values().length);
        for (int i = 0; i < count; i++) {
            CameraPreset preset = request.storeCamera(i);
            shots.add(Shot.fromFrame(preset.id(), preset.frame(store.layout())));
        }
        return new PreviewScene(root, storeLights(time, store.lampPositions()), shots, null);
    }

    static LightRig storeLights(TimeOfDay time, List<Vector3f> lamps) {
        float[] d = time.sunDirection();
        ColorRGBA sun = MaterialFactory.srgb(time.sunColour()).mult(time.sunIntensity());
        // Skylight comes from the whole dome: half zenith blue, half horizon glow, so shadows stay cooler
        // than the sun (the contrast that makes a golden hour read as one).
        ColorRGBA sky = new ColorRGBA().interpolateLocal(MaterialFactory.srgb(time.skyHorizon()),
                MaterialFactory.srgb(time.skyZenith()), 0.5f).mult(time.skyFill() * 1.1f);
        ColorRGBA ground = MaterialFactory.srgb(0xB9B4AC).mult(time.skyFill() * 0.35f);
        List<LightRig.Fill> fills = List.of(
                new LightRig.Fill(new Vector3f(0.2f, -1f, -0.3f).normalizeLocal(), sky),
                new LightRig.Fill(new Vector3f(-0.3f, -0.2f, -1f).normalizeLocal(), sky.mult(0.5f)),
                new LightRig.Fill(new Vector3f(0.4f, 0.6f, 0.7f).normalizeLocal(), ground));
        ColorRGBA lamp = MaterialFactory.srgb(0xFFE4C0).mult(time.interior());
        ColorRGBA background = MaterialFactory.srgb(time.skyHorizon());
        return new LightRig(new Vector3f(d[0], d[1], d[2]), sun, time.shadowStrength(), fills, lamps, lamp, 5.5f, background);
    }

    private PreviewScene garment(PreviewRequest request) {
        GarmentKind kind = request.garment();
        BufferedImage flat = request.images().isEmpty() ? null : request.images().get(0);
        Node garment = new GarmentSpatials(materials).build(kind, flat, request.fabric(), 1024);
        GarmentSpatials spatials = new GarmentSpatials(materials);
        Mannequins mannequins = new Mannequins(materials);
        Node form;
        if (kind == GarmentKind.TROUSERS || kind == GarmentKind.SKIRT) {
            // Bottoms are shown under a plain white tee, so the form is not headless above the waist.
            Node tee = spatials.build(GarmentKind.TSHIRT, null, GarmentKind.TSHIRT.defaultFabric(), 64);
            form = mannequins.dressForm(GarmentKind.TSHIRT, tee, garment, kind == GarmentKind.SKIRT ? 0.52f : 0f);
        } else if (isTop(kind)) {
            Node trousers = spatials.build(GarmentKind.TROUSERS, null, GarmentKind.TROUSERS.defaultFabric(), 64);
            form = mannequins.dressForm(kind, garment, trousers);
        } else {
            form = mannequins.dressForm(kind, garment, null);
        }
        Node turntable = new Node("turntable");
        turntable.attachChild(form);
        TurntableControl control = new TurntableControl(FastMath.QUARTER_PI);
        turntable.addControl(control);

        Node root = new Node("preview");
        root.attachChild(turntable);
        // A paper-white studio floor that receives the garment's shadow and fades into the backdrop colour.
        Geometry floor = Shapes.cylinder(root, "studio floor", materials.solid(0x9A968F, 0.9f, 0f), 0, -0.02f, 0, 40f, 0.02f);
        floor.setShadowMode(RenderQueue.ShadowMode.Receive);

        // Frame the garment: look at the middle of what is worn, far enough for the whole height to fit.
        float[] frame = garmentFrame(kind);
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < request.views(); i++) {
            float angle = FastMath.TWO_PI * i / request.views();
            shots.add(new Shot("turntable-" + i, new Vector3f(0, frame[1] + 0.1f, frame[2]), new Vector3f(0, frame[1], 0),
                    frame[3], angle));
        }
        ColorRGBA key = MaterialFactory.srgb(0xFFF4E6).mult(1.6f);
        List<LightRig.Fill> fills = List.of(
                new LightRig.Fill(new Vector3f(0.8f, -0.3f, -0.5f).normalizeLocal(), MaterialFactory.srgb(0xDDE6F2).mult(0.7f)),
                new LightRig.Fill(new Vector3f(0.1f, -0.4f, 1f).normalizeLocal(), MaterialFactory.srgb(0xFFFFFF).mult(0.6f)),
                new LightRig.Fill(new Vector3f(0f, 1f, 0f), MaterialFactory.srgb(0xE9E6E1).mult(0.2f)));
        LightRig lights = new LightRig(new Vector3f(0.55f, -0.75f, -0.45f).normalizeLocal(), key, 0.45f, fills,
                List.of(), ColorRGBA.Black, 1f, MaterialFactory.srgb(0xBDB8B0));
        return new PreviewScene(root, lights, shots, control);
    }

    private static boolean isTop(GarmentKind kind) {
        return switch (kind) {
            case TSHIRT, SWEATSHIRT, BOMBER, BIKER_JACKET -> true;
            default -> false;
        };
    }

    /** {unused, look-at height, camera distance, field of view}: framing per garment kind. */
    private static float[] garmentFrame(GarmentKind kind) {
        return switch (kind) {
            case HANDBAG -> new float[] {0, 1.08f, 1.5f, 30f};
            case TROUSERS -> new float[] {0, 0.9f, 3.6f, 30f};
            default -> new float[] {0, 1.02f, 3.2f, 30f};
        };
    }
}
