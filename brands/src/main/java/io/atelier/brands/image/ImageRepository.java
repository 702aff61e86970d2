package io.atelier.brands.image;

import io.atelier.brands.BrandScope;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobRef;
import io.atelier.brands.store.BlobStore;
import io.atelier.brands.store.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images: validated bytes in the {@link BlobStore}, metadata and owning brand in the database. Bytes are published
 * before their row, so a row never points at a missing blob; a blob without a row is invisible (no id reaches it).
 */
public final class ImageRepository {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final String COLUMNS = "id, brand, sha256, mime, width, height, size, created_at";

    private final AtelierDatabase db;
    private final BlobStore blobs;
    private final ImageValidator validator;
    private final Clock clock;

    public ImageRepository(AtelierDatabase db, BlobStore blobs, ImageValidator validator, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Validates and stores an image for a brand (or none). The same bytes for the same brand give the same image.
     *
     * @param field the request field the bytes came in, for errors
     * @throws io.atelier.brands.InvalidImageException not a PNG/JPEG, damaged, or too many pixels
     * @throws NotFoundException                       the brand is absent or outside the scope
     */
    public StoredImage store(BrandScope scope, String brandOrNull, byte[] bytes, String field) {
        ImageInfo info = validator.validate(bytes, field);
        if (brandOrNull != null) {
            db.read(c -> {
                BrandRepository.requireVisible(c, scope, brandOrNull);
                return null;
            });
        }
        BlobRef blob = blobs.put(bytes, info.extension());
        return db.write(c -> {
            if (brandOrNull != null) {
                BrandRepository.requireVisible(c, scope, brandOrNull);
            }
            return insert(c, brandOrNull, blob, info);
        });
    }

    /** Inserts the row for an already published blob, inside the caller's transaction; idempotent. */
    public StoredImage insert(Connection c, String brandOrNull, BlobRef blob, ImageInfo info) throws SQLException {
        String id = idFor(brandOrNull, blob.sha256());
        Optional<StoredImage> existing = find(c, BrandScope.admin(), id);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.add(brandOrNull);
        args.add(blob.sha256());
        args.add(info.mime());
        args.add(info.width());
        args.add(info.height());
        args.add(blob.size());
        args.add(now.toString());
        Sql.update(c, "INSERT INTO images (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)", args);
        return new StoredImage(id, brandOrNull, blob.sha256(), info.mime(), info.width(), info.height(), blob.size(), now);
    }

    /** @throws NotFoundException absent or of a brand outside the scope (field {@code image}) */
    public StoredImage get(BrandScope scope, String id) {
        return db.read(c -> find(c, scope, id)).orElseThrow(() -> new NotFoundException("image", "image"));
    }

    /** The blob store, for callers that publish bytes before their row (see {@link #insert}). */
    public BlobStore blobs() {
        return blobs;
    }

    /** The image's bytes. @throws NotFoundException absent or outside the scope */
    public byte[] bytes(BrandScope scope, String id) {
        StoredImage image = get(scope, id);
        return blobs.get(image.sha256(), image.extension()).orElseThrow(() -> new NotFoundException("image", "image"));
    }

    public static Optional<StoredImage> find(Connection c, BrandScope scope, String id) throws SQLException {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        List<Object> args = new ArrayList<>();
        args.add(id);
        String where = scope.sqlCondition("brand", args);
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM images WHERE id=? AND " + where, args, ImageRepository::map);
    }

    /** The bridge's image id scheme: the same bytes get a different id per brand, so ids never reveal sharing. */
    public static String idFor(String brandOrNull, String sha256) {
        String brand = brandOrNull == null ? "" : brandOrNull;
        return BlobStore.sha256Hex((brand + "\0" + sha256).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    static StoredImage map(ResultSet rs) throws SQLException {
        return new StoredImage(rs.getString("id"), rs.getString("brand"), rs.getString("sha256"), rs.getString("mime"),
                rs.getInt("width"), rs.getInt("height"), rs.getLong("size"), Instant.parse(rs.getString("created_at")));
    }
}
