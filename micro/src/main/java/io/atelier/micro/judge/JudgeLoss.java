package io.atelier.micro.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The judge's training loss: softmax cross-entropy on the category, colour and pattern heads plus sigmoid binary
 * cross-entropy on the details, computed on the flat logit vector laid out by {@link JudgeLabels}. Each detail weighs
 * as much as a whole head ({@link #DETAIL_WEIGHT}): with the old mean-times-4 a detail counted a third of a head,
 * and the small ones (zip, buttons, pockets, metal corners, clasp) were never learned, the net settling for "absent".
 */
final class JudgeLoss extends Loss {

    /** Factor on the mean detail BCE; with 12 details, 12 makes it their sum. */
    static final float DETAIL_WEIGHT = 12f;

    private final JudgeLabels labels;

    JudgeLoss(JudgeLabels labels) {
        super("judge_loss");
        this.labels = labels;
    }

    @Override
    public NDArray evaluate(NDList targets, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray target = targets.singletonOrThrow();
        NDArray loss = softmaxCrossEntropy(logits, target, 0, labels.colourOffset())
                .add(softmaxCrossEntropy(logits, target, labels.colourOffset(), labels.patternOffset()))
                .add(softmaxCrossEntropy(logits, target, labels.patternOffset(), labels.detailOffset()));
        String details = ":, " + labels.detailOffset() + ":" + labels.outputs();
        NDArray x = logits.get(details);
        NDArray y = target.get(details);
        // Numerically stable BCE with logits: max(x, 0) - x*y + log(1 + exp(-|x|)).
        NDArray bce = x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log());
        return loss.add(bce.mean().mul(DETAIL_WEIGHT));
    }

    private static NDArray softmaxCrossEntropy(NDArray logits, NDArray target, int from, int to) {
        String slice = ":, " + from + ":" + to;
        return logits.get(slice).logSoftmax(1).mul(target.get(slice)).sum(new int[] {1}).neg().mean();
    }
}
