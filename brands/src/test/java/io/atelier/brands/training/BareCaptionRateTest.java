package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rule both adapter trainers draw a row's attribute dropout from. */
class BareCaptionRateTest {

    @Test
    void house_rows_are_bare_at_the_asked_rate_and_plain_rows_never() {
        AdapterTrainingOptions options = AdapterTrainingOptions.defaults();
        SplittableRandom random = new SplittableRandom(3);
        int bare = 0;
        for (int i = 0; i < 20_000; i++) {
            double rate = options.captionDropoutFor(true, random);
            if (rate == 1.0) {
                bare++;
            } else {
                assertEquals(options.captionDropout(), rate);
            }
            assertEquals(options.captionDropout(), options.captionDropoutFor(false, random));
        }
        assertEquals(AdapterTrainingOptions.DEFAULT_BARE_CAPTION_RATE, bare / 20_000.0, 0.01);
    }

    @Test
    void a_plain_row_draws_nothing_so_resumed_runs_stay_in_step() {
        SplittableRandom used = new SplittableRandom(9);
        SplittableRandom untouched = new SplittableRandom(9);
        AdapterTrainingOptions.defaults().captionDropoutFor(false, used);
        assertEquals(untouched.nextLong(), used.nextLong());
    }

    @Test
    void at_rate_zero_no_row_is_bare() {
        AdapterTrainingOptions options = AdapterTrainingOptions.defaults().withBareCaptionRate(0);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertEquals(options.captionDropout(), options.captionDropoutFor(true, random));
        }
    }
}
