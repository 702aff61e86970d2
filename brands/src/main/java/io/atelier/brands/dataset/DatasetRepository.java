package io.atelier.brands.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.image.ImageInfo;
import io.atelier.brands.image.ValidatedImage;
import io.atelier.brands.image.ImageRepository;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.image.StoredImage;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobRef;
import io.atelier.brands.store.BlobStore;
import io.atelier.brands.store.JsonColumns;
import io.atelier.brands.store.Sql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Each brand's curated training images. Every call names the brand and takes the caller's {@link BrandScope}; a
 * brand or item outside the scope answers {@link NotFoundException} like an absent one. Duplicates are found by
 * image hash within the brand.
 */
public final class DatasetRepository {

    public static final int MAX_TAGS = 32;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "SELECT d.id AS item_id, d.brand AS item_brand, d.caption, d.caption_proposed, "
            + "d.tags, d.source, d.added_at, i.id, i.brand, i.sha256, i.mime, i.width, i.height, i.size, i.created_at "
            + "FROM dataset_items d JOIN images i ON i.id = d.image_id ";

    private final AtelierDatabase db;
    private final ImageRepository images;
    private final ImageValidator validator;
    private final CaptionProposer proposer;
    private final Clock clock;

    public DatasetRepository(AtelierDatabase db, ImageRepository images, ImageValidator validator,
                             CaptionProposer proposer, Clock clock) {
        this.db = db;
        this.images = images;
        this.validator = validator;
        this.proposer = proposer;
        this.clock = clock;
    }

    /**
     * Adds an image to a brand's dataset, or answers the existing item when the same bytes are already there.
     *
     * @throws NotFoundException                       the brand is absent or outside the scope (field {@code brand})
     * @throws io.atelier.brands.InvalidImageException the bytes are not an acceptable image (field {@code image})
     * @throws InvalidInputException                   caption, tags or source break a rule
     */
    public DatasetAddResult add(BrandScope scope, String brandId, NewDatasetItem request) {
        // Step 1: everything that needs no lock: the brand, the text fields, the image header, the hash.
        Brand brand = db.read(c -> BrandRepository.find(c, scope, brandId)).orElseThrow(DatasetRepository::brandNotFound);
        String caption = caption(request.caption());
        List<String> tags = tags(request.tags());
        String source = source(request.source());
        ValidatedImage validated = validator.check(request.bytes(), "image");
        ImageInfo info = validated.info();
        String sha256 = BlobStore.sha256Hex(request.bytes());

        // Step 2: a duplicate answers at once, before asking anyone for a caption.
        Optional<DatasetItem> existing = db.read(c -> findBySha(c, brandId, sha256));
        if (existing.isPresent()) {
            return new DatasetAddResult(existing.get(), true, DatasetAddResult.CaptionOutcome.KEPT);
        }

        // Step 3: a caption, given or proposed.
        DatasetAddResult.CaptionOutcome outcome = DatasetAddResult.CaptionOutcome.GIVEN;
        if (caption == null) {
            caption = proposer.propose(validated.pixels(), brand).map(DatasetRepository::normalise).orElse(null);
            outcome = caption == null ? DatasetAddResult.CaptionOutcome.NONE : DatasetAddResult.CaptionOutcome.PROPOSED;
        }

        // Step 4: publish the bytes, then the rows, re-checking under the write lock for a racing duplicate.
        BlobRef blob = images.blobs().put(request.bytes(), info.extension());
        String finalCaption = caption;
        DatasetAddResult.CaptionOutcome finalOutcome = outcome;
        return db.write(c -> {
            BrandRepository.requireVisible(c, scope, brandId);
            Optional<DatasetItem> raced = findBySha(c, brandId, sha256);
            if (raced.isPresent()) {
                return new DatasetAddResult(raced.get(), true, DatasetAddResult.CaptionOutcome.KEPT);
            }
            StoredImage image = images.insert(c, brandId, blob, info);
            String itemId = "item-" + HexFormat.of().formatHex(randomBytes());
            Instant now = clock.instant();
            long seq = Sql.queryOne(c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM dataset_items WHERE brand=?",
                    List.of(brandId), rs -> rs.getLong(1)).orElse(1L);
            List<Object> args = new ArrayList<>(List.of(itemId, brandId, image.id(), sha256));
            args.add(finalCaption);
            args.add(finalOutcome == DatasetAddResult.CaptionOutcome.PROPOSED ? 1 : 0);
            args.add(JsonColumns.write(tags));
            args.add(source);
            args.add(now.toString());
            args.add(seq);
            Sql.update(c, "INSERT INTO dataset_items (id, brand, image_id, sha256, caption, caption_proposed, tags, "
                    + "source, added_at, seq) VALUES (?,?,?,?,?,?,?,?,?,?)", args);
            DatasetItem item = new DatasetItem(itemId, brandId, image, finalCaption,
                    finalOutcome == DatasetAddResult.CaptionOutcome.PROPOSED, tags, source, now);
            return new DatasetAddResult(item, false, finalOutcome);
        });
    }

    /** The brand's dataset, oldest first. @throws NotFoundException brand absent or outside the scope */
    public List<DatasetItem> list(BrandScope scope, String brandId) {
        return db.read(c -> {
            BrandRepository.find(c, scope, brandId).orElseThrow(DatasetRepository::brandNotFound);
            return Sql.query(c, SELECT + "WHERE d.brand=? ORDER BY d.seq", List.of(brandId), DatasetRepository::map);
        });
    }

    /** One item. @throws NotFoundException brand or item absent, or outside the scope */
    public DatasetItem get(BrandScope scope, String brandId, String itemId) {
        return db.read(c -> {
            BrandRepository.find(c, scope, brandId).orElseThrow(DatasetRepository::brandNotFound);
            return Sql.queryOne(c, SELECT + "WHERE d.brand=? AND d.id=?", List.of(brandId, String.valueOf(itemId)),
                    DatasetRepository::map);
        }).orElseThrow(DatasetRepository::itemNotFound);
    }

    /** The dataset's hash ({@link DatasetHash}), as adapters record it. */
    public String datasetSha256(BrandScope scope, String brandId) {
        return DatasetHash.of(list(scope, brandId));
    }

    /**
     * Sets an item's caption and/or tags; the caption counts as confirmed afterwards (so a stylist confirms a
     * proposed caption by updating with no caption at all).
     *
     * @param caption the new caption, or null to keep (and confirm) the current one
     * @param tags    the new tags, or null to keep them
     * @throws NotFoundException     brand or item absent, or outside the scope
     * @throws InvalidInputException caption or tags break a rule
     */
    public DatasetItem update(BrandScope scope, String brandId, String itemId, String caption, List<String> tags) {
        String newCaption = caption(caption);
        List<String> newTags = tags == null ? null : tags(tags);
        return db.write(c -> {
            BrandRepository.find(c, scope, brandId).orElseThrow(DatasetRepository::brandNotFound);
            int updated = Sql.update(c, "UPDATE dataset_items SET caption=COALESCE(?, caption), caption_proposed=0, "
                    + "tags=COALESCE(?, tags) WHERE brand=? AND id=?", java.util.Arrays.asList(newCaption,
                    newTags == null ? null : JsonColumns.write(newTags), brandId, String.valueOf(itemId)));
            if (updated == 0) {
                throw itemNotFound();
            }
            return Sql.queryOne(c, SELECT + "WHERE d.brand=? AND d.id=?", List.of(brandId, String.valueOf(itemId)),
                    DatasetRepository::map).orElseThrow(DatasetRepository::itemNotFound);
        });
    }

    /** Removes one item; its blob stays (it may be shared). @throws NotFoundException absent or outside the scope */
    public void remove(BrandScope scope, String brandId, String itemId) {
        db.write(c -> {
            BrandRepository.find(c, scope, brandId).orElseThrow(DatasetRepository::brandNotFound);
            int removed = Sql.update(c, "DELETE FROM dataset_items WHERE brand=? AND id=?",
                    List.of(brandId, String.valueOf(itemId)));
            if (removed == 0) {
                throw itemNotFound();
            }
            return removed;
        });
    }

    private static Optional<DatasetItem> findBySha(Connection c, String brandId, String sha256) throws SQLException {
        return Sql.queryOne(c, SELECT + "WHERE d.brand=? AND d.sha256=?", List.of(brandId, sha256), DatasetRepository::map);
    }

    private static DatasetItem map(ResultSet rs) throws SQLException {
        StoredImage image = new StoredImage(rs.getString("id"), rs.getString("brand"), rs.getString("sha256"),
                rs.getString("mime"), rs.getInt("width"), rs.getInt("height"), rs.getLong("size"),
                Instant.parse(rs.getString("created_at")));
        return new DatasetItem(rs.getString("item_id"), rs.getString("item_brand"), image, rs.getString("caption"),
                rs.getInt("caption_proposed") != 0, JsonColumns.read(rs.getString("tags"), STRINGS),
                rs.getString("source"), Instant.parse(rs.getString("added_at")));
    }

    private static String caption(String caption) {
        String value = normalise(caption);
        if (value != null && value.length() > 500) {
            throw new InvalidInputException("caption", "a caption has at most 500 characters");
        }
        return value;
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "at most " + MAX_TAGS + " tags");
        }
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = normalise(tags.get(i));
            if (tag == null || tag.length() > 40) {
                throw new InvalidInputException("tags[" + i + "]", "a tag has 1 to 40 characters");
            }
            valid.add(tag);
        }
        return List.copyOf(valid);
    }

    private static String source(String source) {
        String value = normalise(source);
        if (value != null && value.length() > 200) {
            throw new InvalidInputException("source", "a source has at most 200 characters");
        }
        return value;
    }

    /** Trimmed, inner whitespace (tabs and line breaks included) collapsed to one space; blank becomes null. */
    private static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip().replaceAll("\\s+", " ");
        return value.isEmpty() ? null : value;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static NotFoundException brandNotFound() {
        return new NotFoundException("brand", "brand");
    }

    private static NotFoundException itemNotFound() {
        return new NotFoundException("dataset item", "itemId");
    }
}
