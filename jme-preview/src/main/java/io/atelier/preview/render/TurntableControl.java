package io.atelier.preview.render;

import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.control.AbstractControl;

/**
 * Turns its spatial about the vertical axis: continuously in the live viewer, or to an exact angle per frame
 * when the headless capture asks for a turntable (so frame k is always at 360 * k / n degrees).
 */
public final class TurntableControl extends AbstractControl {
    private float radiansPerSecond;
    private float angle;

    public TurntableControl(float radiansPerSecond) {
        this.radiansPerSecond = radiansPerSecond;
    }

    public void setAngle(float radians) {
        this.angle = radians;
        this.radiansPerSecond = 0f;
    }

    public float angle() {
        return angle;
    }

    public float radiansPerSecond() {
        return radiansPerSecond;
    }

    /** Continues another turntable's motion (the live viewer swapping in a rebuilt scene). */
    public void setSpeedAndAngle(float speed, float radians) {
        this.radiansPerSecond = speed;
        this.angle = radians;
    }

    @Override
    protected void controlUpdate(float tpf) {
        angle += radiansPerSecond * tpf;
        spatial.setLocalRotation(new Quaternion().fromAngleAxis(angle, Vector3f.UNIT_Y));
    }

    @Override
    protected void controlRender(RenderManager rm, ViewPort vp) {
        // nothing to draw: rotation only
    }
}
