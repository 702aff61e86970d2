package io.atelier.preview.gltf;

import com.jme3.material.MatParam;
import com.jme3.material.Material;
import com.jme3.math.ColorRGBA;
import com.jme3.math.Quaternion;
import com.jme3.math.Transform;
import com.jme3.scene.Geometry;
import com.jme3.scene.Mesh;
import com.jme3.scene.Spatial;
import com.jme3.scene.VertexBuffer;
import com.jme3.texture.Texture;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.creation.TextureModels;
import de.javagl.jgltf.model.impl.DefaultGltfModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.impl.DefaultTextureModel;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import io.atelier.preview.render.PreviewRenderer;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.PreviewScene;
import io.atelier.preview.render.PreviewSceneFactory;
import io.atelier.preview.scene.Textures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a jME scene as glTF 2.0 through JglTF: one glTF node per geometry with its world transform, PBR
 * metallic-roughness materials with their base colour and normal textures embedded as PNG, and for a preview scene
 * its lights ({@code KHR_lights_punctual}, {@link GltfLights}) and its stills as cameras ({@link GltfCameras}), so
 * Blender opens it lit and framed as the preview rendered it. Shared meshes and materials (a rack of identical
 * garments) are written once. Non-PBR geometry (the sky) is left out. {@code .glb} gives a binary file, anything else
 * a {@code .gltf} with data URIs.
 */
public final class GltfSceneExporter {
    private static final String PBR = "PBRLighting.j3md";

    private final Map<Mesh, DefaultMeshPrimitiveModel> primitives = new IdentityHashMap<>();
    private final Map<Material, MaterialModelV2> materials = new IdentityHashMap<>();
    private final Map<BufferedImage, DefaultTextureModel> textures = new IdentityHashMap<>();
    private int imageCount;

    /** Builds the request's scene (no GL needed) and exports it with its lights and cameras. */
    public static void exportRequest(PreviewRequest request, Path file) {
        PreviewScene scene = new PreviewSceneFactory(PreviewRenderer.desktopAssets()).build(request);
        new GltfSceneExporter().export(scene, (float) request.width() / request.height(), file);
    }

    /** A preview scene: its geometry, its lights, and one camera per still at the given aspect ratio. */
    public void export(PreviewScene preview, float aspectRatio, Path file) {
        write(preview.root(), GltfLights.of(preview.lights()), GltfCameras.of(preview.shots(), aspectRatio), file);
    }

    /** Geometry only. */
    public void export(Spatial root, Path file) {
        write(root, null, List.of(), file);
    }

    private void write(Spatial root, GltfLights lightsOrNull, List<DefaultNodeModel> cameras, Path file) {
        root.updateGeometricState();
        DefaultSceneModel scene = new DefaultSceneModel();
        root.depthFirstTraversal(spatial -> {
            if (spatial instanceof Geometry g && isPbr(g.getMaterial())) {
                scene.addNode(node(g));
            }
        });
        GltfModelBuilder builder = GltfModelBuilder.create();
        for (DefaultNodeModel camera : cameras) {
            scene.addNode(camera);
            builder.addCameraModel(camera.getCameraModel());
        }
        if (lightsOrNull != null) {
            lightsOrNull.nodes().forEach(scene::addNode);
        }
        builder.addSceneModel(scene);
        DefaultGltfModel model = builder.build();
        if (lightsOrNull != null) {
            model.addExtension(GltfLights.EXTENSION, lightsOrNull.rootExtension());
            model.getExtensionsModel().addExtensionUsed(GltfLights.EXTENSION);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            GltfModelWriter writer = new GltfModelWriter();
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glb")) {
                writer.writeBinary(model, file.toFile());
            } else {
                writer.writeEmbedded(model, file.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write glTF file", e);
        }
    }

    private static boolean isPbr(Material m) {
        return m != null && m.getMaterialDef().getAssetName() != null && m.getMaterialDef().getAssetName().endsWith(PBR);
    }

    private DefaultNodeModel node(Geometry g) {
        DefaultMeshModel mesh = new DefaultMeshModel();
        mesh.addMeshPrimitiveModel(primitive(g));
        DefaultNodeModel node = new DefaultNodeModel();
        node.setName(g.getName());
        node.addMeshModel(mesh);
        Transform t = g.getWorldTransform();
        Quaternion q = t.getRotation();
        node.setTranslation(new float[] {t.getTranslation().x, t.getTranslation().y, t.getTranslation().z});
        node.setRotation(new float[] {q.getX(), q.getY(), q.getZ(), q.getW()});
        node.setScale(new float[] {t.getScale().x, t.getScale().y, t.getScale().z});
        return node;
    }

    private DefaultMeshPrimitiveModel primitive(Geometry g) {
        Mesh m = g.getMesh();
        DefaultMeshPrimitiveModel cached = primitives.get(m);
        if (cached != null && cached.getMaterialModel() == material(g.getMaterial())) {
            return cached;
        }
        MeshPrimitiveBuilder b = MeshPrimitiveBuilder.create().setTriangles();
        b.addPositions3D(copy(m.getFloatBuffer(VertexBuffer.Type.Position)));
        if (m.getBuffer(VertexBuffer.Type.Normal) != null) {
            b.addNormals3D(copy(m.getFloatBuffer(VertexBuffer.Type.Normal)));
        }
        if (m.getBuffer(VertexBuffer.Type.TexCoord) != null) {
            // jME samples v = 0 at the bottom of the picture, glTF at the top.
            FloatBuffer uv = copy(m.getFloatBuffer(VertexBuffer.Type.TexCoord));
            for (int i = 1; i < uv.limit(); i += 2) {
                uv.put(i, 1f - uv.get(i));
            }
            b.addTexCoords02D(uv);
        }
        b.setIntIndices(indices(m));
        DefaultMeshPrimitiveModel primitive = b.build();
        primitive.setMaterialModel(material(g.getMaterial()));
        primitives.put(m, primitive);
        return primitive;
    }

    private MaterialModelV2 material(Material m) {
        return materials.computeIfAbsent(m, k -> {
            MaterialBuilder b = MaterialBuilder.create();
            ColorRGBA c = param(m, "BaseColor", ColorRGBA.White);
            b.setBaseColorFactor(c.r, c.g, c.b, c.a);
            b.setMetallicRoughnessFactors(param(m, "Metallic", 1f), param(m, "Roughness", 1f));
            BufferedImage albedo = Textures.source(param(m, "BaseColorMap", (Texture) null));
            if (albedo != null) {
                b.setBaseColorTexture(texture(albedo), 0);
            }
            BufferedImage normal = Textures.source(param(m, "NormalMap", (Texture) null));
            if (normal != null) {
                b.setNormalTexture(texture(normal), 1f, 0);
            }
            if (c.a < 1f) {
                b.setAlphaMode(MaterialModelV2.AlphaMode.BLEND);
            }
            MaterialModelV2 built = b.build();
            built.setName(m.getName());
            ColorRGBA emissive = param(m, "Emissive", (ColorRGBA) null);
            if (emissive != null) {
                built.setEmissiveFactor(new float[] {Math.min(1f, emissive.r), Math.min(1f, emissive.g), Math.min(1f, emissive.b)});
            }
            return built;
        });
    }

    private DefaultTextureModel texture(BufferedImage image) {
        return textures.computeIfAbsent(image,
                i -> TextureModels.createFromBufferedImage(i, "image" + (imageCount++) + ".png", "image/png"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T param(Material m, String name, T fallback) {
        MatParam p = m.getParam(name);
        return p == null || p.getValue() == null ? fallback : (T) p.getValue();
    }

    private static FloatBuffer copy(FloatBuffer source) {
        FloatBuffer src = source.duplicate();
        src.rewind();
        FloatBuffer out = FloatBuffer.allocate(src.limit());
        out.put(src);
        out.rewind();
        return out;
    }

    private static IntBuffer indices(Mesh m) {
        Buffer data = m.getBuffer(VertexBuffer.Type.Index).getData();
        int n = data.limit();
        IntBuffer out = IntBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            int index = data instanceof IntBuffer ib ? ib.get(i)
                    : data instanceof ShortBuffer sb ? Short.toUnsignedInt(sb.get(i))
                    : Byte.toUnsignedInt(((ByteBuffer) data).get(i));
            out.put(index);
        }
        out.rewind();
        return out;
    }
}
