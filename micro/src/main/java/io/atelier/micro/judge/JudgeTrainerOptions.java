package io.atelier.micro.judge;

import java.nio.file.Path;

/**
 * Settings of a judge training run, parsed from {@code --name value} arguments.
 *
 * @param init            the TorchScript judge to start from ({@code --init}, default the untrained
 *                        tools/micro/judge_init.pt; a trained judge.pt to fine-tune it, its judge.json beside it
 *                        recorded on the new card)
 * @param out             where judge.pt and judge.json go ({@code --out}, default the micro resources folder)
 * @param checkpoints     checkpoint folder ({@code --checkpoints}, default work-runs/judge)
 * @param steps           optimizer steps ({@code --steps}, default 1500)
 * @param batch           flats per step ({@code --batch}, default 32)
 * @param seed            run seed, 0–255 ({@code --seed}, default 1)
 * @param learningRate    Adam's base rate, cosine-decayed ({@code --lr}, default 0.002)
 * @param threads         libtorch intra-op threads ({@code --threads}, default 1: on a busy shared CPU one thread
 *                        beats two that wait on each other)
 * @param heldOut         held-out flats judged at the end ({@code --held-out}, default 2000)
 * @param checkpointEvery steps between checkpoints ({@code --checkpoint-every}, default 100)
 */
public record JudgeTrainerOptions(Path init, Path out, Path checkpoints, int steps, int batch, int seed,
                                  double learningRate, int threads, int heldOut, int checkpointEvery) {

    public static JudgeTrainerOptions parse(String... args) {
        Path init = Path.of("tools/micro/judge_init.pt");
        Path out = Path.of("micro/src/main/resources/io/atelier/micro/judge");
        Path checkpoints = Path.of("work-runs/judge");
        int steps = 1500;
        int batch = 32;
        int seed = 1;
        double lr = 0.002;
        int threads = 1;
        int heldOut = 2000;
        int every = 100;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--init" -> init = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--checkpoints" -> checkpoints = Path.of(value);
                case "--steps" -> steps = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--seed" -> seed = Integer.parseInt(value);
                case "--lr" -> lr = Double.parseDouble(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--held-out" -> heldOut = Integer.parseInt(value);
                case "--checkpoint-every" -> every = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (seed < 0 || seed > 255) {
            throw new IllegalArgumentException("--seed must be 0..255");
        }
        return new JudgeTrainerOptions(init, out, checkpoints, steps, batch, seed, lr, threads, heldOut, every);
    }
}
