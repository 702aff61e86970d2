package io.atelier.engine.model;

/** The text encoder's input length (token ids padded with {@code padTokenId}) and output width. */
public record TextSettings(int maxLength, int hiddenSize, int padTokenId) {
}
