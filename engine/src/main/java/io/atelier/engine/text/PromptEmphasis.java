package io.atelier.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's prompt emphasis, the syntax Stable Diffusion users expect: {@code (text)} multiplies the weight of
 * its text by 1.1, {@code [text]} divides it by 1.1, {@code (text:1.3)} sets the multiplier, and nesting multiplies.
 * {@code \(}, {@code \)}, {@code \[}, {@code \]} and {@code \\} are the literal characters. Unbalanced brackets are
 * tolerated as A1111 tolerates them: an unclosed bracket applies its multiplier to the rest of the prompt, a stray
 * closing bracket is literal text. {@code BREAK} has no meaning here (it is literal text).
 */
public final class PromptEmphasis {
    static final double ROUND_MULTIPLIER = 1.1;
    static final double SQUARE_MULTIPLIER = 1 / 1.1;

    /**
     * A1111's tokens, in its order (alternation order matters): escapes, a lone backslash, openers, an explicit weight
     * closing a round bracket, closers, plain text, a lone colon. Together they match every character.
     */
    private static final Pattern ATTENTION = Pattern.compile(String.join("|",
            "\\\\\\(", "\\\\\\)", "\\\\\\[", "\\\\\\]", "\\\\\\\\", "\\\\",
            "\\(", "\\[",
            ":\\s*([+-]?[.\\d]+)\\s*\\)",
            "\\)", "\\]",
            "[^\\\\()\\[\\]:]+",
            ":"), Pattern.UNICODE_CHARACTER_CLASS);

    private PromptEmphasis() {}

    /**
     * The prompt as pieces of text with their weights, in order, adjacent pieces of equal weight joined. Brackets and
     * escape backslashes are removed; a prompt without them is one piece of weight 1. Never empty: an empty prompt is
     * one empty piece.
     */
    public static List<WeightedText> parse(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        List<Piece> pieces = new ArrayList<>();
        // Positions in pieces where each still-open bracket began; its multiplier applies from there on.
        List<Integer> round = new ArrayList<>();
        List<Integer> square = new ArrayList<>();
        Matcher m = ATTENTION.matcher(prompt);
        while (m.find()) {
            String token = m.group();
            Double explicit = m.group(1) == null ? null : parseWeight(m.group(1));
            if (token.startsWith("\\")) {
                // An escape keeps the character after the backslash; a lone backslash gives nothing.
                pieces.add(new Piece(token.substring(1)));
            } else if (token.equals("(")) {
                round.add(pieces.size());
            } else if (token.equals("[")) {
                square.add(pieces.size());
            } else if (explicit != null && !round.isEmpty()) {
                multiplyFrom(pieces, pop(round), explicit);
            } else if (token.equals(")") && !round.isEmpty()) {
                multiplyFrom(pieces, pop(round), ROUND_MULTIPLIER);
            } else if (token.equals("]") && !square.isEmpty()) {
                multiplyFrom(pieces, pop(square), SQUARE_MULTIPLIER);
            } else {
                pieces.add(new Piece(token));
            }
        }
        for (int start : round) multiplyFrom(pieces, start, ROUND_MULTIPLIER);
        for (int start : square) multiplyFrom(pieces, start, SQUARE_MULTIPLIER);
        return joinEqualWeights(pieces);
    }

    /**
     * A1111's emphasis on one encoded prompt, in place: {@code hidden[offset ..]} holds {@code weights.length} token
     * vectors of {@code hiddenSize} floats. Each vector is multiplied by its token's weight, then all values are
     * rescaled so that their mean is what it was before, which keeps the overall magnitude the UNet was trained on.
     * Does nothing when every weight is 1. If the weighted values average exactly 0 they are left unrescaled (A1111
     * would divide by zero).
     */
    public static void apply(float[] hidden, int offset, float[] weights, int hiddenSize) {
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(weights, "weights");
        long length = (long) weights.length * hiddenSize;
        if (hiddenSize <= 0 || offset < 0 || offset + length > hidden.length) {
            throw new IllegalArgumentException("hidden[" + hidden.length + "] cannot hold " + weights.length
                    + " vectors of " + hiddenSize + " from offset " + offset);
        }
        boolean neutral = true;
        for (float weight : weights) neutral &= weight == 1f;
        if (neutral) return;
        // Means of the same count of values compare as their sums; sums in double to keep 77 x 768 floats exact enough.
        double originalSum = 0;
        double weightedSum = 0;
        for (int token = 0; token < weights.length; token++) {
            int start = offset + token * hiddenSize;
            for (int i = start; i < start + hiddenSize; i++) {
                originalSum += hidden[i];
                hidden[i] *= weights[token];
                weightedSum += hidden[i];
            }
        }
        if (weightedSum == 0) return;
        double scale = originalSum / weightedSum;
        for (int i = offset; i < offset + length; i++) hidden[i] = (float) (hidden[i] * scale);
    }

    /** Null where A1111's float() would fail (for example "1.2.3"): the text then stays literal instead of failing. */
    private static Double parseWeight(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int pop(List<Integer> stack) {
        return stack.remove(stack.size() - 1);
    }

    private static void multiplyFrom(List<Piece> pieces, int start, double multiplier) {
        for (int i = start; i < pieces.size(); i++) pieces.get(i).weight *= multiplier;
    }

    private static List<WeightedText> joinEqualWeights(List<Piece> pieces) {
        List<WeightedText> joined = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            StringBuilder text = new StringBuilder(pieces.get(i).text);
            double weight = pieces.get(i).weight;
            int next = i + 1;
            // Exact equality, as A1111: (a)(b) joins, (a)((b)) does not.
            while (next < pieces.size() && pieces.get(next).weight == weight) text.append(pieces.get(next++).text);
            joined.add(new WeightedText(text.toString(), (float) weight));
            i = next;
        }
        if (joined.isEmpty()) joined.add(new WeightedText("", 1f));
        return List.copyOf(joined);
    }

    /** Weights are kept in double until the end so that joining compares them as A1111 (Python floats) does. */
    private static final class Piece {
        final String text;
        double weight = 1.0;

        Piece(String text) {
            this.text = text;
        }
    }
}
