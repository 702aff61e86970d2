package io.atelier.engine.sd;

/** HF {@code CLIPTextModel} as SD-1.x ships it (ViT-L/14's text tower: width 768, 12 layers, 77 positions). */
public record ClipTextConfig(int vocabSize, int positions, int width, int layers, int intermediate) {

    /** OpenAI CLIP's text towers all use 64-wide heads (ViT-L/14: 12 heads of 64). */
    public int heads() {
        return Math.max(1, width / 64);
    }
}
