package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.EngineException;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.image.LatentPreview;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelSource;
import io.atelier.engine.model.PreviewSettings;
import io.atelier.engine.sampler.NoiseSchedule;
import io.atelier.engine.text.ClipPromptTokenizer;
import io.atelier.engine.text.PackageTokenizer;
import io.atelier.engine.text.PromptTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A model loaded on a device (an atelier package or a checkpoint): tokenizer and the four sub-models, each probed once with a tiny input so a
 * wrong or incompatible component fails at load, with its name, rather than in the middle of a user's job.
 */
public final class LoadedModel implements AutoCloseable {
    final ModelManifest manifest;
    final DeviceChoice device;
    final PromptTokenizer tokenizer;
    final TextEncoder textEncoder;
    final Denoiser denoiser;
    final ImageDecoder imageDecoder;
    final ImageEncoder imageEncoder;
    final NoiseSchedule schedule;
    final BatchAdapters adapters;
    private final AutoCloseable weights;
    LatentPreview preview;

    /** The four sub-models in contract order: text encoder, UNet, VAE decoder, VAE encoder. */
    private LoadedModel(ModelManifest manifest, DeviceChoice device, PromptTokenizer tokenizer,
                        List<? extends ModelComponent> modules, BatchAdapters adapters, AutoCloseable weights) {
        this.manifest = manifest;
        this.device = device;
        this.tokenizer = tokenizer;
        this.textEncoder = new TextEncoder(modules.get(0));
        this.denoiser = new Denoiser(modules.get(1));
        this.adapters = adapters;
        this.imageDecoder = new ImageDecoder(modules.get(2), manifest.latentScalingFactor());
        this.imageEncoder = new ImageEncoder(modules.get(3), manifest.latentScalingFactor());
        this.weights = weights;
        this.schedule = manifest.scheduler().noiseSchedule();
        this.preview = manifest.preview() != null ? previewOf(manifest.preview(), manifest.latentChannels()) : null;
    }

    /** Loads either kind of model source and probes it. */
    public static LoadedModel load(ModelSource source) {
        if (source instanceof CheckpointFile checkpoint) {
            return load(checkpoint);
        }
        return load((ModelPackage) source);
    }

    /** A checkpoint: CLIP's tokenizer and the engine's own networks over the file's weights. */
    static LoadedModel load(CheckpointFile checkpoint) {
        ModelManifest m = checkpoint.manifest();
        DeviceChoice device = DeviceChoice.forCheckpoint();
        CheckpointComponents components = CheckpointComponents.load(checkpoint, device);
        try {
            CheckpointLoras loras = new CheckpointLoras(m.id(), components);
            AutoCloseable weights = () -> {
                loras.close();
                components.close();
            };
            LoadedModel model = new LoadedModel(m, device, new ClipPromptTokenizer(m.text().maxLength()),
                    components.inContractOrder(), loras, weights);
            model.probe();
            return model;
        } catch (RuntimeException e) {
            components.close();
            throw e;
        }
    }

    static LoadedModel load(ModelPackage modelPackage) {
        ModelManifest m = modelPackage.manifest();
        DeviceChoice device = DeviceChoice.forPackage(m.dtype());
        if ("float16".equals(m.dtype()) && !device.isGpu()) {
            throw new ModelLoadException(m.id(), "Model '" + m.id() + "' is stored in float16, which needs a CUDA GPU;"
                    + " none was found.", null);
        }
        PromptTokenizer tokenizer = PackageTokenizer.of(modelPackage);
        List<TorchComponent> modules = new ArrayList<>();
        try {
            for (String name : new String[] {ModelManifest.TEXT_ENCODER, ModelManifest.UNET,
                    ModelManifest.VAE_DECODER, ModelManifest.VAE_ENCODER}) {
                TorchComponent module = TorchComponent.load(m.id(), name, modelPackage.component(name), device);
                if (name.equals(ModelManifest.UNET) && module.hasLoraSlots()) {
                    // Adapters are written into the slots between batches: reload with writable parameters.
                    module.close();
                    module = TorchComponent.load(m.id(), name, modelPackage.component(name), device, true);
                }
                modules.add(module);
            }
            LoadedModel model = new LoadedModel(m, device, tokenizer, modules,
                    new LoraSlots(m.id(), modules.get(1).parameters()), () -> { });
            model.probe();
            return model;
        } catch (RuntimeException e) {
            modules.forEach(TorchComponent::close);
            tokenizer.close();
            throw e;
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public boolean onGpu() {
        return device.isGpu();
    }

    /** Step through every sub-model at the smallest valid size and check the shapes of contracts.md. */
    private void probe() {
        int side = manifest.effectiveSizeMultiple() / manifest.vaeScaleFactor();
        int channels = manifest.latentChannels();
        int length = manifest.text().maxLength();
        int hidden = manifest.text().hiddenSize();
        Shape latentShape = new Shape(1, channels, side, side);
        int pixels = side * manifest.vaeScaleFactor();
        Shape imageShape = new Shape(1, 3, pixels, pixels);
        try (NDManager manager = NDManager.newBaseManager(device.device())) {
            String component = ModelManifest.TEXT_ENCODER;
            try {
                expect(component, textEncoder.outputShape(manager, length), new Shape(1, length, hidden));
                component = ModelManifest.UNET;
                float[] latent = new float[(int) latentShape.size()];
                denoiser.predict(manager, latent, latentShape, new float[] {schedule.trainTimesteps() - 1f},
                        new float[length * hidden], new Shape(1, length, hidden));
                component = ModelManifest.VAE_DECODER;
                float[] image = imageDecoder.decode(manager, latent, latentShape, imageShape);
                component = ModelManifest.VAE_ENCODER;
                imageEncoder.encode(manager, image, imageShape, latentShape);
                if (preview == null) {
                    component = ModelManifest.VAE_DECODER;
                    // At least 8x8 latents, so that the decoder's smoothing across neighbours averages out.
                    int calibrationSide = side * (int) Math.ceil(8.0 / side);
                    preview = PreviewCalibration.fit(manager, imageDecoder, channels, calibrationSide,
                            manifest.vaeScaleFactor());
                }
            } catch (EngineException e) {
                throw e;
            } catch (RuntimeException e) {
                // Our own shape checks say what differs; libtorch's messages are C++ traces, kept for the log only.
                String detail = e instanceof IllegalStateException ? " (" + shortReason(e) + ")" : "";
                throw new ModelLoadException(manifest.id(), "Model '" + manifest.id() + "': component " + component
                        + " fails on a test input shaped as model.json describes" + detail + ".", e);
            }
        }
    }

    private void expect(String component, Shape actual, Shape expected) {
        if (!actual.equals(expected)) {
            throw new ModelLoadException(manifest.id(), "Model '" + manifest.id() + "': component " + component
                    + " answers shape " + actual + " where model.json implies " + expected + ".", null);
        }
    }

    static String shortReason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // libtorch messages carry C++ and TorchScript stack traces; the first line is the reason.
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static LatentPreview previewOf(PreviewSettings p, int channels) {
        float[][] factors = new float[channels][3];
        for (int c = 0; c < factors.length; c++) {
            for (int k = 0; k < 3; k++) {
                factors[c][k] = p.latentRgbFactors().get(c).get(k).floatValue();
            }
        }
        float[] bias = new float[3];
        if (p.rgbBias() != null) {
            for (int k = 0; k < 3; k++) {
                bias[k] = p.rgbBias().get(k).floatValue();
            }
        }
        return new LatentPreview(factors, bias);
    }

    @Override
    public void close() {
        textEncoder.close();
        denoiser.close();
        imageDecoder.close();
        imageEncoder.close();
        tokenizer.close();
        try {
            weights.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
