package io.atelier.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoraTagsTest {

    @Test
    void tags_leave_the_prompt_with_their_weights_in_order() {
        LoraTags.Parsed parsed = LoraTags.parse("<lora:house_bags:0.8> leather bag, <LORA:corners> metal corners");
        assertEquals("leather bag, metal corners", parsed.prompt());
        assertEquals(List.of(new LoraTags.Tag("house_bags", 0.8), new LoraTags.Tag("corners", 1.0)), parsed.tags());
    }

    @Test
    void a_prompt_without_tags_is_untouched() {
        LoraTags.Parsed parsed = LoraTags.parse("  (red dress:1.2),  <b>  ");
        assertEquals("  (red dress:1.2),  <b>  ", parsed.prompt());
        assertTrue(parsed.tags().isEmpty());
        assertFalse(LoraTags.hasTag("(red dress:1.2)"));
    }

    @Test
    void negative_weights_are_read() {
        assertEquals(-0.5, LoraTags.parse("dress <lora:slider:-0.5>").tags().get(0).weight());
    }

    @Test
    void malformed_tags_are_refused_naming_the_tag() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraTags.parse("a <lora:x:heavy>"))
                .getMessage().contains("<lora:x:heavy>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraTags.parse("a <lora:x:1:0.5>"))
                .getMessage().contains("separate text-encoder and UNet weights"));
        assertThrows(IllegalArgumentException.class, () -> LoraTags.parse("a <lora::1>"));
    }
}
