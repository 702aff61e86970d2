package io.atelier.bridge.generate;

import io.atelier.brands.NotFoundException;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.engine.model.ModelManifest;
import java.awt.image.BufferedImage;

/**
 * The detail pass of an upscale: each tile of the enlarged image redrawn by the model that made the source, from the
 * prompt it received (history's resolved prompt), its steps, guidance, sampler and seed, at strength detail/2, tiles
 * of the model's native size. The brand adapter of the source is not applied again (noted in docs/upscale.md).
 *
 * @param template the request each tile is sent with, its init image replaced by the tile
 */
record UpscaleDetail(DiffusionEngine engine, GenerationRequest template, int tile) {

    /** Everything checked at submit: a source made by Atelier and visible to the caller, its model installed. */
    static UpscaleDetail plan(double detail, ProvenancePng.Source origin, Caller caller, HistoryRepository history,
                              DiffusionEngine engine, int outWidth, int outHeight) {
        if (origin.recordId() == null) {
            throw AtelierException.invalidParams("detail", "The detail pass redraws with the source's prompt: give "
                    + "an image made by Atelier (its PNG names its history record), or leave detail out.");
        }
        HistoryEntry source;
        try {
            source = history.get(caller.brandScope(), origin.recordId());
        } catch (NotFoundException e) {
            throw AtelierException.invalidParams("detail", "The source's history record is not available to you, so "
                    + "its prompt is unknown; leave detail out.");
        }
        if (source.resolvedPrompt() == null || source.model() == null) {
            throw AtelierException.invalidParams("detail", "The source was not generated from a prompt; leave "
                    + "detail out.");
        }
        ModelManifest manifest = engine.models().manifest(source.model()).orElseThrow(() ->
                AtelierException.invalidParams("detail", "The model that made the source (" + source.model()
                        + ") is no longer installed; leave detail out."));
        int tile = Math.max(manifest.nativeWidth(), manifest.nativeHeight());
        if (outWidth < tile || outHeight < tile) {
            throw AtelierException.invalidParams("detail", "The detail pass works in tiles of " + tile + " pixels "
                    + "(the model's native size): the enlarged image must be at least that on each side.");
        }
        GenerationRequest template = GenerationRequest.of(source.resolvedPrompt()).withModel(source.model())
                .withSize(tile, tile).withSteps(source.steps()).withGuidance(source.guidance())
                .withSampler(source.sampler()).withSeed(source.seed()).withCount(1)
                .withInitImage(new BufferedImage(tile, tile, BufferedImage.TYPE_INT_RGB), detail * 0.5);
        try {
            engine.validate(template);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        return new UpscaleDetail(engine, template, tile);
    }

    /** One tile redrawn; cancel is read between the model's steps. */
    BufferedImage redraw(BufferedImage tileImage, GenerationListener cancel) {
        BufferedImage copy = new BufferedImage(tileImage.getWidth(), tileImage.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(tileImage, 0, 0, null);
        GenerationRequest request = template.withInitImage(copy, template.strength());
        return engine.generate(request, new GenerationListener() {
            @Override
            public boolean isCancelled() {
                return cancel.isCancelled();
            }
        }).images().get(0);
    }
}
