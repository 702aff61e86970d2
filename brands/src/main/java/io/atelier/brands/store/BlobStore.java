package io.atelier.brands.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed files under {@code <home>/blobs/ab/cdef….ext}, named by the SHA-256 of their bytes.
 *
 * <p>No partial file is ever visible under a blob's name: bytes go to a temporary file in the same folder, are
 * flushed to disk, then renamed atomically onto the final name. A crash leaves at most a {@code .tmp-*} file, which
 * {@link #sweepTemporaryFiles()} removes at start-up. The same bytes stored twice are stored once.
 *
 * <p>Blobs carry no owner: which brand may see one is recorded beside its hash in the database and checked there.
 */
public final class BlobStore {

    static final String TEMP_PREFIX = ".tmp-";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    private final Path root;

    public BlobStore(Path home) {
        this.root = home.resolve("blobs");
    }

    public Path root() {
        return root;
    }

    /** Stores {@code bytes} under their hash with the given extension ({@code png}, {@code jpg}, {@code safetensors}…). */
    public BlobRef put(byte[] bytes, String extension) {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return put(in, extension);
        } catch (IOException e) {
            throw new StorageException("cannot store blob", e);
        }
    }

    /**
     * Streams {@code in} into the store. If reading fails part-way, the temporary file is removed and nothing
     * appears under any blob name.
     */
    public BlobRef put(InputStream in, String extension) throws IOException {
        requireExtension(extension);
        Files.createDirectories(root);
        // Step 1: write into a temporary file in blobs/ itself, hashing as we go (same file system: rename is atomic).
        Path temp = Files.createTempFile(root, TEMP_PREFIX, ".part");
        try {
            MessageDigest digest = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest)) {
                size = in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            BlobRef ref = new BlobRef(hash, extension, size);
            Path target = path(ref);
            // Step 2: same content already stored: nothing to do (content addressing makes it identical).
            if (Files.exists(target)) {
                return ref;
            }
            // Step 3: publish atomically under its final name.
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("blob folder does not support atomic rename", e);
            }
            return ref;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The bytes of a stored blob, or empty if there is none with that hash and extension. */
    public Optional<byte[]> get(String sha256, String extension) {
        if (!SHA256.matcher(sha256).matches() || !EXTENSION.matcher(extension).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path(new BlobRef(sha256, extension, 0))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read blob", e);
        }
    }

    /** Where a blob lives: {@code blobs/ab/cdef….ext}. */
    public Path path(BlobRef ref) {
        return root.resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256().substring(2) + "." + ref.extension());
    }

    /** Removes temporary files left by a crash in the middle of a write; returns how many were removed. */
    public int sweepTemporaryFiles() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            int removed = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            }
            return removed;
        } catch (IOException e) {
            throw new StorageException("cannot sweep blob folder", e);
        }
    }

    /** SHA-256 of {@code bytes} as lower-case hex, the same name {@link #put} gives them. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void requireExtension(String extension) {
        if (extension == null || !EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("blob extension must be 1-16 lower-case letters or digits");
        }
    }
}
