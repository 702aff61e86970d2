package io.atelier.preview.garment;

/**
 * One sewn piece of a garment. {@code openings} is how many open edges the piece has by design (a sleeve has
 * two: where it is set into the body and the cuff; a bag body none); every other edge must be stitched.
 */
public record GarmentPiece(String name, MeshData mesh, PieceRole role, int openings) {
}
