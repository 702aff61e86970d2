package io.atelier.preview.render;

import com.jme3.math.Vector3f;

/** One still: where the camera stands, what it looks at, its vertical field of view, and the turntable angle. */
public record Shot(String name, Vector3f location, Vector3f lookAt, float fovDegrees, float turntableRadians) {

    public static Shot fromFrame(String name, float[] f) {
        return new Shot(name, new Vector3f(f[0], f[1], f[2]), new Vector3f(f[3], f[4], f[5]), f[6], 0f);
    }
}
