package io.atelier.brands.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobStoreTest {

    @TempDir
    Path home;

    @Test
    void a_blob_is_named_by_its_sha256_under_a_two_letter_folder() {
        BlobStore store = new BlobStore(home);
        byte[] bytes = "hello".getBytes();
        BlobRef ref = store.put(bytes, "png");
        String hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assertEquals(hash, ref.sha256());
        assertEquals(5, ref.size());
        assertTrue(Files.isRegularFile(home.resolve("blobs/2c/" + hash.substring(2) + ".png")));
        assertArrayEquals(bytes, store.get(hash, "png").orElseThrow());
    }

    @Test
    void storing_the_same_bytes_twice_keeps_one_file_and_no_temporary_file() throws IOException {
        BlobStore store = new BlobStore(home);
        store.put(new byte[]{1, 2, 3}, "png");
        store.put(new byte[]{1, 2, 3}, "png");
        assertEquals(1, regularFiles().size());
    }

    @Test
    void a_write_that_fails_half_way_leaves_neither_a_blob_nor_a_temporary_file() throws IOException {
        BlobStore store = new BlobStore(home);
        InputStream breaksAfter1MB = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served++ >= 1 << 20) {
                    throw new IOException("disk unplugged");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> store.put(breaksAfter1MB, "png"));
        assertEquals(List.of(), regularFiles());
    }

    @Test
    void unknown_or_malformed_hashes_are_simply_absent() {
        BlobStore store = new BlobStore(home);
        assertTrue(store.get("0".repeat(64), "png").isEmpty());
        assertTrue(store.get("../../etc/passwd", "png").isEmpty());
        assertTrue(store.get("0".repeat(64), "../x").isEmpty());
    }

    @Test
    void sweeping_removes_temporary_files_left_by_a_crash() throws IOException {
        BlobStore store = new BlobStore(home);
        Files.createDirectories(store.root());
        Files.write(store.root().resolve(BlobStore.TEMP_PREFIX + "123.part"), new byte[10]);
        assertEquals(1, store.sweepTemporaryFiles());
        assertEquals(List.of(), regularFiles());
    }

    @Test
    void a_concurrent_reader_never_sees_a_partial_blob() throws Exception {
        BlobStore store = new BlobStore(home);
        // Blobs large enough (4 MiB) that a non-atomic write would be caught half-done by a polling reader.
        List<byte[]> payloads = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[4 << 20];
            random.nextBytes(bytes);
            payloads.add(bytes);
        }
        List<Path> targets = payloads.stream()
                .map(bytes -> store.path(new BlobRef(BlobStore.sha256Hex(bytes), "png", bytes.length))).toList();

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> partialSeen = new AtomicReference<>();
        AtomicInteger completeReads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get() || completeReads.get() == 0) {
                for (Path target : targets) {
                    try {
                        byte[] seen = Files.readAllBytes(target);
                        String expected = target.getParent().getFileName() + target.getFileName().toString().replace(".png", "");
                        if (!BlobStore.sha256Hex(seen).equals(expected)) {
                            partialSeen.compareAndSet(null, target + " had " + seen.length + " bytes");
                        }
                        completeReads.incrementAndGet();
                    } catch (NoSuchFileException notYet) {
                        // not published yet: fine
                    } catch (IOException e) {
                        partialSeen.compareAndSet(null, e.toString());
                    }
                }
                Thread.onSpinWait();
            }
        });
        reader.start();
        for (byte[] bytes : payloads) {
            store.put(bytes, "png");
        }
        writing.set(false);
        reader.join();

        assertNull(partialSeen.get());
        assertTrue(completeReads.get() > 0);
        assertEquals(payloads.size(), regularFiles().size());
        assertTrue(regularFiles().stream().noneMatch(p -> p.getFileName().toString().startsWith(BlobStore.TEMP_PREFIX)));
    }

    private List<Path> regularFiles() throws IOException {
        if (!Files.exists(home.resolve("blobs"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(home.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
