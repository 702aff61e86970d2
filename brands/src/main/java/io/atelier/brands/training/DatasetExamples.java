package io.atelier.brands.training;

import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.dataset.DatasetItem;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** A brand's dataset as training examples: captions resolved with the brand, its trigger token always present. */
public final class DatasetExamples {
    private DatasetExamples() {
    }

    public static List<TrainingExample> of(BrandStore store, Brand brand, List<DatasetItem> items) throws IOException {
        List<TrainingExample> examples = new ArrayList<>();
        for (DatasetItem item : items) {
            byte[] bytes = store.blobs().get(item.image().sha256(), item.image().extension())
                    .orElseThrow(() -> new IOException("dataset image missing from the blob store"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            examples.add(new TrainingExample(image, prompt(store, brand, item.caption())));
        }
        return examples;
    }

    /** The model prompt a caption trains: house words resolved, the trigger token at its head. */
    public static String prompt(BrandStore store, Brand brand, String caption) {
        String prompt = store.resolver().resolve(brand, caption == null ? "" : caption, null).prompt();
        if (!(" " + prompt + " ").contains(" " + brand.triggerToken() + " ")) {
            prompt = (brand.triggerToken() + " " + prompt).trim();
        }
        return prompt;
    }
}
