package io.atelier.micro.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.micro.model.AtelierMicroModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Originals and their autoencoder reconstructions side by side (shows whether stripes, check and dots
 * survive the 8x compression). Usage: ReconstructionSheet packageDir out.png [count].
 */
public final class ReconstructionSheet {

    private ReconstructionSheet() {}

    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "2"));
        Path pkg = Path.of(args[0]);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        CaptionedImageSource source = FlatsImageSource.standard();
        int size = AtelierMicroModel.IMAGE_SIZE;
        int per = 3 * size * size;
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        try (TrainableModule enc = TrainableModule.load(pkg.resolve(AtelierMicroModel.VAE_ENCODER));
             TrainableModule dec = TrainableModule.load(pkg.resolve(AtelierMicroModel.VAE_DECODER));
             NDManager scope = enc.manager().newSubManager()) {
            float[] pixels = new float[count * per];
            List<CaptionedImage> originals = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                CaptionedImage example = source.sample(500_000 + i);
                originals.add(example);
                ImageTensors.writeChw(example.image(), 0, 0, size, pixels, i * per);
            }
            float[] out = dec.forward(false, enc.forward(false, scope.create(pixels, new Shape(count, 3, size, size))))
                    .toFloatArray();
            for (int i = 0; i < count; i++) {
                images.add(originals.get(i).image());
                captions.add(originals.get(i).caption());
                images.add(ImageTensors.fromChw(out, i * per, size, size));
                captions.add("reconstruction");
            }
        }
        ContactSheet.write(Path.of(args[1]), images, captions, 6);
    }
}
