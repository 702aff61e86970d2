package io.atelier.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path home;

    @Test
    void first_start_writes_an_admin_token_readable_only_by_its_owner() throws Exception {
        TokenStore store = TokenStore.open(home.resolve("atelier"));
        Path file = store.adminTokenFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String token = store.readAdminToken();
        assertTrue(token.startsWith("atl_") && token.length() > 40);
        assertTrue(store.authenticate(token).orElseThrow().scope().allBrands());
    }

    @Test
    void restart_keeps_the_same_admin_token() throws Exception {
        String first = TokenStore.open(home).readAdminToken();
        assertEquals(first, TokenStore.open(home).readAdminToken());
    }

    @Test
    void scoped_token_is_stored_as_a_hash_only_with_mode_0600() throws Exception {
        TokenStore store = TokenStore.open(home);
        IssuedToken issued = store.createScoped(List.of("maison"));
        String onDisk = Files.readString(store.scopedTokensFile());
        assertFalse(onDisk.contains(issued.secret()));
        assertTrue(onDisk.contains("maison"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.scopedTokensFile())));
        TokenGrant grant = store.authenticate(issued.secret()).orElseThrow();
        assertTrue(grant.scope().includes("maison"));
        assertFalse(grant.scope().includes("rival"));
    }

    @Test
    void running_store_sees_a_token_created_by_another_process() throws Exception {
        TokenStore running = TokenStore.open(home);
        TokenStore cli = TokenStore.open(home); // what `atelier token create` opens in its own JVM
        IssuedToken issued = cli.createScoped(List.of("maison"));
        assertEquals(issued.tokenId(), running.authenticate(issued.secret()).orElseThrow().tokenId());
    }

    @Test
    void wrong_and_empty_tokens_are_refused() throws Exception {
        TokenStore store = TokenStore.open(home);
        String admin = store.readAdminToken();
        assertTrue(store.authenticate(admin + "x").isEmpty());
        assertTrue(store.authenticate(admin.substring(0, admin.length() - 1)).isEmpty());
        assertTrue(store.authenticate("").isEmpty());
        assertTrue(store.authenticate(null).isEmpty());
    }

    @Test
    void two_tokens_differ_and_brand_ids_are_checked() throws Exception {
        TokenStore store = TokenStore.open(home);
        assertNotEquals(store.createScoped(List.of("a")).secret(), store.createScoped(List.of("a")).secret());
        assertThrows(IllegalArgumentException.class, () -> store.createScoped(List.of("../etc")));
        assertThrows(IllegalArgumentException.class, () -> store.createScoped(List.of()));
    }
}
