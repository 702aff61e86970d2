package io.atelier.bridge.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.security.TokenScope;
import io.atelier.bridge.support.Pngs;
import io.atelier.protocol.ImageRef;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImageStoreTest {
    private static final Caller ADMIN = new Caller("tok_admin", TokenScope.ALL, null);
    private static final Caller ALICE = new Caller("tok_alice", TokenScope.only(Set.of("maison")), null);
    private static final Caller BOB = new Caller("tok_bob", TokenScope.only(Set.of("secret")), null);

    @TempDir
    Path dir;

    @Test
    void the_same_brandless_bytes_from_two_tokens_are_two_images_each_seen_by_its_maker_only() throws Exception {
        FileImageStore store = new FileImageStore(dir);
        byte[] png = Pngs.solid(4, 4);
        ImageRef alices = store.put(png, null, ALICE.tokenId());
        ImageRef bobs = store.put(png, null, BOB.tokenId());

        assertNotEquals(alices.id(), bobs.id());
        assertTrue(store.find(alices.id(), ALICE).isPresent());
        assertTrue(store.find(alices.id(), BOB).isEmpty(), "another token's brand-less image is not found");
        assertTrue(store.find(alices.id(), ADMIN).isPresent());
        assertTrue(store.find(bobs.id(), BOB).isPresent());
    }

    @Test
    void a_branded_image_is_seen_by_its_brand_whoever_made_it() throws Exception {
        FileImageStore store = new FileImageStore(dir);
        ImageRef ref = store.put(Pngs.solid(4, 4), "maison", BOB.tokenId());
        StoredImage image = store.find(ref.id(), ALICE).orElseThrow();
        assertEquals("maison", image.brand());
        assertTrue(store.find(ref.id(), BOB).isEmpty(), "BOB's token does not see maison, though he made it");
        assertEquals(ref.id(), store.put(Pngs.solid(4, 4), "maison", ALICE.tokenId()).id(), "same brand, same id");
    }
}
