package io.atelier.micro.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The judge's training loss: softmax cross-entropy on the category, colour and pattern heads plus mean sigmoid
 * binary cross-entropy on the details, computed on the flat logit vector laid out by {@link JudgeLabels}.
 */
final class JudgeLoss extends Loss {

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
        return loss.add(bce.mean().mul(4));
    }

    private static NDArray softmaxCrossEntropy(NDArray logits, NDArray target, int from, int to) {
        String slice = ":, " + from + ":" + to;
        return logits.get(slice).logSoftmax(1).mul(target.get(slice)).sum(new int[] {1}).neg().mean();
    }
}
