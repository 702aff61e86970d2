package io.atelier.preview.garment;

import com.jme3.math.Vector3f;

/**
 * One cross-section of a lofted piece: a superellipse around {@code centre}, spanning {@code halfWidth} along
 * the side axis and {@code halfDepth} along +z (the front). {@code squareness} 1 is an ellipse, towards 0 a
 * rounded box (handbags, folded hems).
 */
public record Ring(Vector3f centre, float halfWidth, float halfDepth, float squareness) {

    public static Ring at(float x, float y, float z, float halfWidth, float halfDepth) {
        return new Ring(new Vector3f(x, y, z), halfWidth, halfDepth, 1f);
    }

    public Ring squared(float newSquareness) {
        return new Ring(centre, halfWidth, halfDepth, newSquareness);
    }

    /** The point at angle {@code a} (0 = side axis, pi/2 = front) given the piece's side axis. */
    Vector3f point(float a, Vector3f side) {
        // Snap float noise (sin of a float pi is -8.7e-8): with a small squareness exponent the noise would
        // grow to millimetres and open the side seams.
        float c = snap((float) Math.cos(a));
        float s = snap((float) Math.sin(a));
        float cx = Math.copySign((float) Math.pow(Math.abs(c), squareness), c);
        float sz = Math.copySign((float) Math.pow(Math.abs(s), squareness), s);
        return centre.add(side.mult(cx * halfWidth)).addLocal(0, 0, sz * halfDepth);
    }

    private static float snap(float v) {
        return Math.abs(v) < 1e-5f ? 0f : v;
    }
}
