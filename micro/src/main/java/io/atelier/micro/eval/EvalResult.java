package io.atelier.micro.eval;

import io.atelier.micro.judge.JudgeVerdict;

/** A prompt, what the judge read in the generated image, and whether each attribute matched. */
public record EvalResult(EvalPrompt prompt, JudgeVerdict verdict) {

    public boolean categoryMatches() {
        return prompt.category().equals(verdict.category());
    }

    public boolean colourMatches() {
        return prompt.colour().equals(verdict.colour());
    }

    public boolean patternMatches() {
        return prompt.pattern().equals(verdict.pattern());
    }

    public boolean allMatch() {
        return categoryMatches() && colourMatches() && patternMatches();
    }
}
