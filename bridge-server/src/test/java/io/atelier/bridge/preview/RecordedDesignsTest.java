package io.atelier.bridge.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atelier.brands.BrandStore;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.security.TokenScope;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.PreviewRequests;
import io.atelier.protocol.PreviewGarmentOptions;
import io.atelier.protocol.PreviewRenderParams;
import io.atelier.protocol.PreviewScene;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preview.render} without a category drapes what the image was designed as: its history record's prompt read
 * again through the taxonomy (real SQLite store), the caller's words winning when they name a garment or a fabric.
 */
class RecordedDesignsTest {
    private static final Caller ALICE = new Caller("tok_alice", TokenScope.only(List.of("maison")), null);
    private static final Caller BOB = new Caller("tok_bob", TokenScope.only(List.of("maison")), null);

    @TempDir
    Path home;

    private static HistoryEntry generated(String prompt, String lang) {
        return HistoryEntry.builder(HistoryRepository.newId(), "images.generate", HistoryStatus.SUCCEEDED)
                .jobId("job_1").client("test").request(Map.of("prompt", prompt, "lang", lang))
                .prompt(prompt, "resolved").model("atelier-micro", null).size(128, 128)
                .sampling(30, 3.0, "ddim", 7L).createdAt(Instant.now()).finishedAt(Instant.now()).build();
    }

    @Test
    void the_record_says_which_garment_and_fabric_in_either_language_for_whoever_may_read_it() {
        try (BrandStore store = BrandStore.open(home)) {
            HistoryEntry skirt = generated("jupe rose en cuir", "fr");
            HistoryEntry jacket = generated("denim biker jacket", "en");
            store.history().save(skirt, "tok_alice");
            store.history().save(jacket, "tok_alice");
            RecordedDesigns designs = new RecordedDesigns(store);

            assertEquals(new GarmentDesign(GarmentKind.SKIRT, Fabric.LEATHER), designs.of(skirt.id(), ALICE));
            assertEquals(new GarmentDesign(GarmentKind.BIKER_JACKET, Fabric.DENIM), designs.of(jacket.id(), ALICE));
            // Another token's brand-less record reads as unknown, as if it did not exist; so does no record at all.
            assertEquals(GarmentDesign.UNKNOWN, designs.of(skirt.id(), BOB));
            assertEquals(GarmentDesign.UNKNOWN, designs.of(null, ALICE));
            assertEquals(GarmentDesign.UNKNOWN, designs.of("hist-0000000000000000", ALICE));
        }
    }

    @Test
    void the_callers_category_and_fabric_win_over_the_design_and_a_dress_is_the_last_resort() {
        GarmentDesign leatherSkirt = new GarmentDesign(GarmentKind.SKIRT, Fabric.LEATHER);
        PreviewRequest fromDesign = PreviewRequests.fromParams(params(null), List.of(), leatherSkirt);
        assertEquals(GarmentKind.SKIRT, fromDesign.garment());
        assertEquals(Fabric.LEATHER, fromDesign.fabricOrNull());

        PreviewRequest named = PreviewRequests.fromParams(params(new PreviewGarmentOptions("trousers", null)),
                List.of(), leatherSkirt);
        assertEquals(GarmentKind.TROUSERS, named.garment());
        assertEquals(Fabric.LEATHER, named.fabricOrNull(), "the design's fabric where the caller names none");

        PreviewRequest unknown = PreviewRequests.fromParams(params(new PreviewGarmentOptions(null, "silk")),
                List.of(), GarmentDesign.UNKNOWN);
        assertEquals(GarmentKind.DRESS, unknown.garment());
        assertEquals(Fabric.SILK, unknown.fabricOrNull());
    }

    private static PreviewRenderParams params(PreviewGarmentOptions garment) {
        return new PreviewRenderParams(PreviewScene.GARMENT, List.of(), garment, null, 1, 64, 64);
    }
}
