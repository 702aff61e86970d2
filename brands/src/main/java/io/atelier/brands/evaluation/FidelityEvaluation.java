package io.atelier.brands.evaluation;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.taxonomy.BrandTaxonomyResolver;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import io.atelier.taxonomy.PromptStyle;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Generates held-out prompts with and without an adapter (same seeds), finds the brand's declared codes in each image
 * (its house colour, and its house detail when the plan has a detector for it), measures how far the adapter moves
 * each image's colours ({@link ColourDrift}) and, when there is a judge for the model's images, asks it what it sees:
 * the numbers of {@link FidelityReport} and a contact sheet (per prompt, one seed: the upper row without the adapter,
 * the lower with it).
 *
 * <p>Prompts are written for the model the way {@code images.generate} writes them ({@link PromptStyle}): canonical
 * tokens for atelier-micro, the glossary's English for a CLIP model (an SD-1.x checkpoint); a branded prompt carries
 * the brand's trigger token at its head, where the adapter's training captions have it.
 */
public final class FidelityEvaluation {
    /** Seeds far from anything the dataset or the base model's training drew. */
    public static final long SEED_BASE = 9_100_000L;

    private final DiffusionEngine engine;
    private final String modelId;
    private final Judge judge;
    private final BrandTaxonomyResolver resolver;
    private final PromptStyle style;
    private final Integer imageSize;

    /** atelier-micro, read by its judge, at the model's native size. */
    public FidelityEvaluation(DiffusionEngine engine, String modelId, Judge judge, BrandTaxonomyResolver resolver) {
        this(engine, modelId, judge, resolver, PromptStyle.CANONICAL_TOKENS, null);
    }

    /**
     * @param judgeOrNull reads the model's images (atelier-micro's judge); null for a model it was not trained on:
     *     judge agreement is then not measured ({@link FidelityReport#judged()})
     * @param style how the model reads prompts ({@link PromptStyle#forFamily} of its family)
     * @param imageSizeOrNull square size of every evaluation image; null for the model's native size
     */
    public FidelityEvaluation(DiffusionEngine engine, String modelId, Judge judgeOrNull,
                              BrandTaxonomyResolver resolver, PromptStyle style, Integer imageSizeOrNull) {
        this.engine = engine;
        this.modelId = modelId;
        this.judge = judgeOrNull;
        this.resolver = resolver;
        this.style = style;
        this.imageSize = imageSizeOrNull;
    }

    /**
     * @param progress called after each prompt with (done, total)
     * @param cancelled checked before each prompt; true stops with {@link java.util.concurrent.CancellationException}
     */
    public FidelityReport run(Brand brand, BrandEvaluationPlan plan, Path adapterFile, int seedsPerPrompt, int steps,
                              java.util.function.BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        List<EvaluationPrompt> prompts = plan.prompts();
        long began = System.nanoTime();
        List<EvaluationRow> rows = new ArrayList<>();
        List<BufferedImage[]> sheet = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        AdapterSpec adapter = AdapterSpec.of(adapterFile, 1.0);
        for (int p = 0; p < prompts.size(); p++) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            EvaluationPrompt prompt = prompts.get(p);
            String modelPrompt = modelPrompt(brand, prompt);
            // A French prompt and its English translation share their seeds (the n-th prompt of each language), so
            // the FR/EN comparison measures the words and not the luck of the draw.
            long seed = SEED_BASE + 1000L * positionInLanguage(prompts, p);
            List<BufferedImage> without = generate(modelPrompt, seed, seedsPerPrompt, steps, null);
            List<BufferedImage> with = generate(modelPrompt, seed, seedsPerPrompt, steps, adapter);
            rows.add(row(prompt, modelPrompt, without, with, plan, judge));
            if (prompt.lang().equals("fr")) {
                sheet.add(new BufferedImage[] {without.get(0), with.get(0)});
                labels.add(prompt.text());
            }
            progress.accept(p + 1, prompts.size());
        }
        CodeDetector detail = plan.detailOrNull();
        return new FidelityReport(rows, detail == null ? null : detail.label(), contactSheet(sheet, labels),
                (System.nanoTime() - began) / 1e9, judge != null);
    }

    /**
     * The prompt the model receives: resolved in the model's style, branded prompts with the brand (house words →
     * its codes) and its trigger token at the head, plain ones without the brand.
     */
    String modelPrompt(Brand brand, EvaluationPrompt prompt) {
        String modelPrompt = resolver.resolve(prompt.branded() ? brand : null, prompt.text(), prompt.lang(), style)
                .prompt();
        if (prompt.branded() && !(" " + modelPrompt + " ").contains(" " + brand.triggerToken() + " ")) {
            // As in training (DatasetExamples, CaptionTags): a branded caption always leads with the trigger token.
            modelPrompt = (brand.triggerToken() + " " + modelPrompt).trim();
        }
        return modelPrompt;
    }

    /**
     * What one prompt's images show: the plan's codes counted without and with the adapter, the colour drift between
     * each pair, and the judge's agreement when there is a judge (0 otherwise).
     */
    static EvaluationRow row(EvaluationPrompt prompt, String modelPrompt, List<BufferedImage> without,
                             List<BufferedImage> with, BrandEvaluationPlan plan, Judge judgeOrNull) {
        CodeDetector colour = plan.colour();
        CodeDetector detail = plan.detailOrNull();
        int images = without.size();
        int codeWithout = 0;
        int codeWith = 0;
        int detailWithout = 0;
        int detailWith = 0;
        int agreeWithout = 0;
        int agreeWith = 0;
        double drift = 0;
        for (int k = 0; k < images; k++) {
            codeWithout += colour.present().test(without.get(k)) ? 1 : 0;
            codeWith += colour.present().test(with.get(k)) ? 1 : 0;
            if (detail != null) {
                detailWithout += detail.present().test(without.get(k)) ? 1 : 0;
                detailWith += detail.present().test(with.get(k)) ? 1 : 0;
            }
            if (judgeOrNull != null) {
                agreeWithout += agrees(judgeOrNull.score(without.get(k)), prompt) ? 1 : 0;
                agreeWith += agrees(judgeOrNull.score(with.get(k)), prompt) ? 1 : 0;
            }
            drift += ColourDrift.between(without.get(k), with.get(k));
        }
        return new EvaluationRow(prompt, modelPrompt, images, codeWithout, codeWith, detailWithout, detailWith,
                agreeWithout, agreeWith, images == 0 ? 0 : drift / images);
    }

    /**
     * The house colour as this model can draw it: the median hue of the brand's own images after a round trip
     * through the model's autoencoder (a redraw at strength 0). A UNet adapter cannot produce a colour the frozen
     * decoder never outputs, so the detector looks for what the model can render (atelier-micro's hue-aware
     * autoencoder returns the house teal #1A8C8C as #36B39A; its first autoencoder returned a blue).
     */
    public Color renderableColour(List<BufferedImage> houseImages, Color fallback) {
        List<Float> hues = new ArrayList<>();
        float[] hsb = new float[3];
        for (BufferedImage image : houseImages.subList(0, Math.min(6, houseImages.size()))) {
            BufferedImage init = imageSize == null ? image : square(image, imageSize);
            BufferedImage round = engine.generate(GenerationRequest.of("").withModel(modelId).withSeed(1L)
                    .withInitImage(init, 0.0), GenerationListener.NONE).images().get(0);
            for (int y = 0; y < round.getHeight(); y += 2) {
                for (int x = 0; x < round.getWidth(); x += 2) {
                    int rgb = round.getRGB(x, y);
                    Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                    if (hsb[1] > 0.35f && hsb[2] > 0.2f) {
                        hues.add(hsb[0]);
                    }
                }
            }
        }
        if (hues.isEmpty()) {
            return fallback;
        }
        hues.sort(Float::compare);
        float hue = hues.get(hues.size() / 2);
        return Color.getHSBColor(hue, 0.7f, 0.7f);
    }

    private static int positionInLanguage(List<EvaluationPrompt> prompts, int index) {
        int position = 0;
        for (int i = 0; i < index; i++) {
            position += prompts.get(i).lang().equals(prompts.get(index).lang()) ? 1 : 0;
        }
        return position;
    }

    private List<BufferedImage> generate(String prompt, long seed, int count, int steps, AdapterSpec adapter) {
        GenerationRequest request = GenerationRequest.of(prompt).withModel(modelId).withSeed(seed).withCount(count)
                .withSteps(steps).withAdapter(adapter).withSize(imageSize, imageSize);
        return engine.generate(request, GenerationListener.NONE).images();
    }

    /** The image scaled to a square of {@code size} (the house's images to the evaluation's size). */
    private static BufferedImage square(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    static boolean agrees(JudgeVerdict verdict, EvaluationPrompt prompt) {
        boolean category = verdict.category().equals(prompt.category());
        return prompt.colour() == null ? category : category && verdict.colour().equals(prompt.colour());
    }

    static BufferedImage contactSheet(List<BufferedImage[]> pairs, List<String> labels) {
        int size = pairs.isEmpty() ? 128 : pairs.get(0)[0].getWidth();
        int label = 14;
        BufferedImage sheet = new BufferedImage(Math.max(1, pairs.size()) * size, 2 * size + 2 * label,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < pairs.size(); i++) {
            g.setColor(Color.DARK_GRAY);
            String text = labels.get(i);
            g.drawString(text.length() > 24 ? text.substring(0, 24) : text, i * size + 2, label - 3);
            g.drawImage(pairs.get(i)[0], i * size, label, null);
            g.drawImage(pairs.get(i)[1], i * size, label + size + label, null);
        }
        g.setColor(Color.GRAY);
        g.drawString("above: without the adapter; below: with it", 2, label + size + label - 3);
        g.dispose();
        return sheet;
    }

    /**
     * Forgetting is measured on these: every colour of the taxonomy once, on every category in turn, in one language
     * each (a French prompt and its translation resolve to the same model prompt, so asking both would draw the same
     * images twice). Pastels and neutrals (pink, grey, beige) are where an adapter that learnt a saturated house colour
     * drifts first, so all of them are here.
     */
    static final String[][] PLAIN = {
        {"fr", "robe rouge", "dress", "red"},
        {"en", "blue skirt", "skirt", "blue"},
        {"fr", "sac à main noir", "handbag", "black"},
        {"en", "beige trousers", "trousers", "beige"},
        {"fr", "sweat gris", "sweatshirt", "grey"},
        {"en", "yellow t-shirt", "tshirt", "yellow"},
        {"fr", "robe verte", "dress", "green"},
        {"en", "pink skirt", "skirt", "pink"},
        {"fr", "perfecto marron", "biker_jacket", "brown"},
        {"en", "navy bomber jacket", "bomber", "navy"},
        {"fr", "t-shirt violet", "tshirt", "purple"},
        {"en", "orange sweatshirt", "sweatshirt", "orange"},
    };

    /**
     * Held-out prompts: the brand's branded rows (from {@link BrandEvaluationPrompts}) and the same plain prompts for
     * every brand, on which forgetting is measured.
     */
    public static List<EvaluationPrompt> standardPrompts(List<String[]> brandedFrEnCategory) {
        List<EvaluationPrompt> prompts = new ArrayList<>();
        for (String[] b : brandedFrEnCategory) {
            if (b[0] != null) {
                prompts.add(new EvaluationPrompt(true, "fr", b[0], b[2], null));
            }
            if (b[1] != null) {
                prompts.add(new EvaluationPrompt(true, "en", b[1], b[2], null));
            }
        }
        for (String[] p : PLAIN) {
            prompts.add(new EvaluationPrompt(false, p[0], p[1], p[2], p[3]));
        }
        return prompts;
    }
}
