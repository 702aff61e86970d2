package io.atelier.preview.gltf;

import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import de.javagl.jgltf.model.impl.DefaultCameraModel;
import de.javagl.jgltf.model.impl.DefaultCameraPerspectiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import io.atelier.preview.render.Shot;

import java.util.ArrayList;
import java.util.List;

/**
 * A scene's stills as glTF perspective cameras, one node each: the store's presets, or the turntable's views. The
 * turntable turns the garment in front of a fixed camera; the exported scene does not turn, so each view's camera
 * orbits the garment instead by the opposite angle, which frames the same picture.
 */
final class GltfCameras {
    static final float Z_NEAR = 0.05f;
    static final float Z_FAR = 600f;

    private GltfCameras() {
    }

    static List<DefaultNodeModel> of(List<Shot> shots, float aspectRatio) {
        List<DefaultNodeModel> nodes = new ArrayList<>();
        for (Shot shot : shots) {
            Quaternion orbit = new Quaternion().fromAngleAxis(-shot.turntableRadians(), Vector3f.UNIT_Y);
            Vector3f location = orbit.mult(shot.location());
            Vector3f lookAt = orbit.mult(shot.lookAt());
            DefaultCameraPerspectiveModel perspective = new DefaultCameraPerspectiveModel();
            perspective.setYfov(shot.fovDegrees() * FastMath.DEG_TO_RAD);
            perspective.setAspectRatio(aspectRatio);
            perspective.setZnear(Z_NEAR);
            perspective.setZfar(Z_FAR);
            DefaultCameraModel camera = new DefaultCameraModel();
            camera.setName(shot.name());
            camera.setCameraPerspectiveModel(perspective);
            DefaultNodeModel node = new DefaultNodeModel();
            node.setName("camera " + shot.name());
            node.setCameraModel(camera);
            node.setTranslation(new float[] {location.x, location.y, location.z});
            node.setRotation(rotationLookingAlong(lookAt.subtract(location)));
            nodes.add(node);
        }
        return nodes;
    }

    /**
     * The rotation (x, y, z, w) that turns a glTF camera's or light's -Z axis onto {@code direction}, keeping +Y as
     * near to up as the direction allows.
     */
    static float[] rotationLookingAlong(Vector3f direction) {
        Vector3f back = direction.normalize().negateLocal();
        Vector3f up = Math.abs(back.y) > 0.999f ? Vector3f.UNIT_Z : Vector3f.UNIT_Y;
        Quaternion q = new Quaternion();
        q.lookAt(back, up); // jME's lookAt points local +Z along its argument
        return new float[] {q.getX(), q.getY(), q.getZ(), q.getW()};
    }
}
