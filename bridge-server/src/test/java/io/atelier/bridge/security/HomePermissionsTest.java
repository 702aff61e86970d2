package io.atelier.bridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.atelier.brands.BrandScope;
import io.atelier.brands.brand.NewBrand;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.models.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home holds every prompt, caption and token: from the first start, and from any start of an older home, its
 * folders are 0700 and its files 0600, the database's {@code -wal} and {@code -shm} included.
 */
class HomePermissionsTest {
    @TempDir
    Path parent;

    @BeforeEach
    void posixOnly() {
        assumeTrue(parent.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes only");
    }

    @Test
    void a_fresh_home_is_private_from_the_first_start_database_journal_included() throws Exception {
        Path home = parent.resolve("fresh-home");
        startWriteAndStop(home);
        assertTrue(Files.exists(home.resolve("atelier.db-wal")) || Files.exists(home.resolve("atelier.db")));
        assertEverythingPrivate(home);
    }

    @Test
    void an_existing_world_readable_home_is_tightened_at_start() throws Exception {
        Path home = parent.resolve("old-home");
        startWriteAndStop(home);
        // What an older bridge (or a careless copy) left: 0755 folders, 0644 files.
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.writeString(home.resolve("notes.txt"), "left by hand");
        Files.setPosixFilePermissions(home.resolve("notes.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));

        startWriteAndStop(home);
        assertEverythingPrivate(home);
    }

    /** Starts a bridge on {@code home}, writes to its database while it runs, and checks while the journal exists. */
    private static void startWriteAndStop(Path home) throws Exception {
        try (Bridge bridge = Bridge.create(BridgeConfig.defaults(home).withPort(0), ModelCatalog.empty())) {
            bridge.start();
            bridge.brandStore().brands().create(BrandScope.admin(),
                    new NewBrand("maison-" + System.nanoTime(), "Maison", null, null, null, null));
            assertTrue(Files.exists(home.resolve("atelier.db-wal")), "the database runs in WAL mode");
            assertEverythingPrivate(home);
        }
    }

    private static void assertEverythingPrivate(Path home) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                String mode = PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                if (!mode.equals(expected)) {
                    open.add(home.relativize(path) + " " + mode);
                }
            }
        }
        assertEquals(List.of(), open, "paths readable by others under the home");
    }
}
