package io.atelier.bridge.preview;

import io.atelier.brands.BrandStore;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.render.ChildProcessRenderer;
import io.atelier.preview.render.PreviewParamsException;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.PreviewRequests;
import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.PreviewRenderParams;
import java.util.List;

/**
 * {@code preview.render}: checks the params and the input images while the client waits (so a mistake is answered at
 * once, with its field), then renders as a job. Results belong to the brand of the stored images used (see
 * {@link PreviewInputs}). Without a garment category, the garment (and fabric) the first image was designed as is
 * draped, read from its history record ({@link RecordedDesigns}).
 */
public final class PreviewServiceImpl {
    public static final String JOB_KIND = "preview.render";

    private final JobManager jobs;
    private final ImageStore images;
    private final ChildProcessRenderer renderer;
    private final RecordedDesigns designs;

    public PreviewServiceImpl(JobManager jobs, ImageStore images, BrandStore brands, ChildProcessRenderer renderer) {
        this.jobs = jobs;
        this.images = images;
        this.designs = new RecordedDesigns(brands);
        this.renderer = renderer;
    }

    /** Renders under Xvfb where there is no display, each job given up after three minutes. */
    public PreviewServiceImpl(JobManager jobs, ImageStore images, BrandStore brands) {
        this(jobs, images, brands, new ChildProcessRenderer());
    }

    /** {@code preview.render} as {@code caller} calls it. */
    public JobSubmitted render(PreviewRenderParams params, Caller caller) {
        if (params == null) {
            throw AtelierException.invalidParams("params", "preview.render needs its params.");
        }
        // Step 1: the cheap checks first, so a wrong view count costs no image decoding.
        request(params, List.of(), GarmentDesign.UNKNOWN);
        // Step 2: the images, safely decoded; another brand's stored image reads as not found.
        PreviewInputs inputs = PreviewInputs.resolve(params.images(), caller, images);
        // Step 3: the garment the first image was designed as, where the params leave the category or fabric open.
        boolean named = params.garment() != null && params.garment().category() != null
                && params.garment().fabric() != null;
        GarmentDesign design = named ? GarmentDesign.UNKNOWN : designs.of(inputs.firstRecordId(), caller);
        PreviewRequest request = request(params, inputs.images(), design);
        return new JobSubmitted(jobs.submit(JOB_KIND, caller, inputs.brand(), new PreviewRenderJob(renderer, request)));
    }

    private static PreviewRequest request(PreviewRenderParams params, List<java.awt.image.BufferedImage> pictures,
                                          GarmentDesign design) {
        try {
            return PreviewRequests.fromParams(params, pictures, design);
        } catch (PreviewParamsException e) {
            throw AtelierException.invalidParams(e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw AtelierException.invalidParams("params", e.getMessage());
        }
    }
}
