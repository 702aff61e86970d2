package io.atelier.bridge.images;

import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.security.PrivateFiles;
import io.atelier.protocol.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps images as files under one folder: {@code <id>.png}, {@code <id>.brand} (the brand, empty when none) and, for a
 * brand-less image, {@code <id>.owner} (the token that made it). The id is derived from the brand (or, brand-less, the
 * owner) and the bytes, so the same pixels stored for the same brand get the same id, while two tokens that happen to
 * make the same brand-less pixels each get their own image.
 */
public final class FileImageStore implements ImageStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dir;

    public FileImageStore(Path dir) throws IOException {
        this.dir = dir;
        PrivateFiles.createPrivateDirectories(dir);
    }

    /** The documents kept beside images, by mime type, with the file extension they are stored and served under. */
    private static final Map<String, String> DOCUMENTS = Map.of("application/json", "json", "application/pdf", "pdf");

    @Override
    public ImageRef put(byte[] png, String brandOrNull, String ownerTokenId) {
        PngHeader header = PngHeader.read(png);
        return store(png, "png", brandOrNull, ownerTokenId, header.width(), header.height(), "image/png");
    }

    @Override
    public ImageRef putDocument(byte[] bytes, String mime, String brandOrNull, String ownerTokenId) {
        String extension = DOCUMENTS.get(mime);
        if (extension == null) {
            throw new IllegalArgumentException("not a document type this store keeps: " + mime);
        }
        return store(bytes, extension, brandOrNull, ownerTokenId, 0, 0, mime);
    }

    private ImageRef store(byte[] png, String extension, String brandOrNull, String ownerTokenId, int width,
                           int height, String mime) {
        String brand = brandOrNull == null ? "" : brandOrNull;
        String owner = brandOrNull == null && ownerTokenId != null ? ownerTokenId : null;
        String sha256 = HexFormat.of().formatHex(sha256(png));
        String scopeKey = owner == null ? brand : "owner:" + owner;
        String id = HexFormat.of().formatHex(sha256((scopeKey + "\0" + sha256).getBytes(StandardCharsets.UTF_8)), 0, 16);
        try {
            Path file = dir.resolve(id + "." + extension);
            if (!Files.exists(file)) {
                // Brand and owner first: an image is never visible without its scope.
                if (owner != null) {
                    PrivateFiles.writeAtomically(dir.resolve(id + ".owner"), owner.getBytes(StandardCharsets.UTF_8));
                }
                PrivateFiles.writeAtomically(dir.resolve(id + ".brand"), brand.getBytes(StandardCharsets.UTF_8));
                Path temp = Files.createTempFile(dir, ".img-", ".part");
                Files.write(temp, png);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an image", e);
        }
        return new ImageRef(id, width, height, mime, "/images/" + id + "." + extension, sha256);
    }

    @Override
    public void forget(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return;
        }
        try {
            // The pixels first: without them the image is gone, whatever scope files a crash would leave.
            Files.deleteIfExists(dir.resolve(id + ".png"));
            Files.deleteIfExists(dir.resolve(id + ".brand"));
            Files.deleteIfExists(dir.resolve(id + ".owner"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete image " + id, e);
        }
    }

    @Override
    public Optional<StoredImage> find(String id, Caller caller) {
        return lookup(id).filter(image -> image.visibleTo(caller));
    }

    private Optional<StoredImage> lookup(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + ".png");
        Path brandFile = dir.resolve(id + ".brand");
        if (!Files.exists(file)) {
            for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
                if (Files.exists(dir.resolve(id + "." + document.getValue()))) {
                    return findDocument(id, document.getKey(), document.getValue(), brandFile);
                }
            }
            return Optional.empty();
        }
        if (!Files.exists(brandFile)) {
            return Optional.empty();
        }
        try {
            byte[] png = Files.readAllBytes(file);
            String brand = Files.readString(brandFile, StandardCharsets.UTF_8);
            Path ownerFile = dir.resolve(id + ".owner");
            String owner = Files.exists(ownerFile) ? Files.readString(ownerFile, StandardCharsets.UTF_8) : null;
            PngHeader header = PngHeader.read(png);
            ImageRef ref = new ImageRef(id, header.width(), header.height(), "image/png", "/images/" + id + ".png",
                    HexFormat.of().formatHex(sha256(png)));
            return Optional.of(new StoredImage(ref, brand.isEmpty() ? null : brand, brand.isEmpty() ? owner : null, png));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<StoredImage> findDocument(String id, String mime, String extension, Path brandFile) {
        if (!Files.exists(brandFile)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(id + "." + extension));
            String brand = Files.readString(brandFile, StandardCharsets.UTF_8);
            Path ownerFile = dir.resolve(id + ".owner");
            String owner = Files.exists(ownerFile) ? Files.readString(ownerFile, StandardCharsets.UTF_8) : null;
            ImageRef ref = new ImageRef(id, 0, 0, mime, "/images/" + id + "." + extension,
                    HexFormat.of().formatHex(sha256(bytes)));
            return Optional.of(new StoredImage(ref, brand.isEmpty() ? null : brand, brand.isEmpty() ? owner : null,
                    bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
