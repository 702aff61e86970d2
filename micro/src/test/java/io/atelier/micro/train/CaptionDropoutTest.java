package io.atelier.micro.train;

import io.atelier.engine.text.PackageTokenizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.taxonomy.Taxonomy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CaptionDropoutTest {

    @Test
    void optional_attributes_go_the_category_stays_and_the_rest_moves_up() {
        try (PackageTokenizer tokenizer = AtelierMicroModel.tokenizer(ShippedPackage.component(AtelierMicroModel.TOKENIZER))) {
            long[] ids = tokenizer.ids("blue polka_dots skirt belt pockets denim");
            new CaptionDropout(tokenizer, Taxonomy.standard(), 1.0).apply(ids, 0, 16, new SplittableRandom(1));
            assertArrayEquals(tokenizer.ids("skirt"), ids);

            long[] kept = tokenizer.ids("blue polka_dots skirt belt");
            new CaptionDropout(tokenizer, Taxonomy.standard(), 0.0).apply(kept, 0, 16, new SplittableRandom(1));
            assertArrayEquals(tokenizer.ids("blue polka_dots skirt belt"), kept);
        }
    }

    @Test
    void at_a_quarter_some_captions_lose_an_attribute_and_order_is_kept() {
        try (PackageTokenizer tokenizer = AtelierMicroModel.tokenizer(ShippedPackage.component(AtelierMicroModel.TOKENIZER))) {
            CaptionDropout dropout = new CaptionDropout(tokenizer, Taxonomy.standard(), 0.25);
            SplittableRandom random = new SplittableRandom(7);
            int shortened = 0;
            for (int i = 0; i < 200; i++) {
                long[] ids = tokenizer.ids("red stripes dress belt");
                dropout.apply(ids, 0, 16, random);
                long[] full = tokenizer.ids("red stripes dress belt");
                shortened += ids[3] == tokenizer.padTokenId() ? 1 : 0;
                boolean hasDress = false;
                for (long id : ids) {
                    hasDress |= id == full[2];
                }
                assertTrue(hasDress, "the category is never dropped");
            }
            // P(at least one of 3 optional tokens dropped) = 1 - 0.75^3 ~ 0.58.
            assertTrue(shortened > 80 && shortened < 150, shortened + " of 200 shortened");
        }
    }
}
