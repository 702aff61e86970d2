package io.atelier.preview.garment;

/** What a piece is made of: the garment's cloth (textured from the flat) or metal hardware. */
public enum PieceRole { CLOTH, HARDWARE }
