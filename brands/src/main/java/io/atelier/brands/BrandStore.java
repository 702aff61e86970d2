package io.atelier.brands;

import io.atelier.brands.adapter.AdapterPublisher;
import io.atelier.brands.adapter.AdapterRepository;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.dataset.CaptionProposer;
import io.atelier.brands.dataset.DatasetImporter;
import io.atelier.brands.dataset.DatasetRepository;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.image.ImageRepository;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobStore;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.taxonomy.BrandTaxonomyResolver;
import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyResolver;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything the bridge keeps about brands: the database ({@code <home>/atelier.db} unless a PostgreSQL server is
 * named), the blobs {@code <home>/blobs/}, and the repositories over them. Opening sweeps temporary files a crash may have left.
 */
public final class BrandStore implements AutoCloseable {

    private final AtelierDatabase db;
    private final BlobStore blobs;
    private final BrandRepository brands;
    private final ImageRepository images;
    private final DatasetRepository datasets;
    private final HistoryRepository history;
    private final AdapterRepository adapters;
    private final AdapterPublisher adapterPublisher;
    private final BrandTaxonomyResolver resolver;

    private BrandStore(Path home, DatabaseLocation location, CaptionProposer proposer, long maxPixels, Clock clock) {
        this.db = AtelierDatabase.open(location);
        this.blobs = new BlobStore(home);
        blobs.sweepTemporaryFiles();
        Taxonomy taxonomy = Taxonomy.standard();
        ImageValidator validator = new ImageValidator(maxPixels);
        this.brands = new BrandRepository(db, taxonomy, clock);
        this.images = new ImageRepository(db, blobs, validator, clock);
        this.datasets = new DatasetRepository(db, images, validator, proposer, clock);
        this.history = new HistoryRepository(db);
        this.adapters = new AdapterRepository(db, clock);
        this.adapterPublisher = new AdapterPublisher(home, blobs, adapters);
        this.resolver = new BrandTaxonomyResolver(new TaxonomyResolver(taxonomy));
    }

    /**
     * @param proposer  who proposes captions for images added without one ({@link CaptionProposer#NONE} until the
     *                  judge is wired in)
     * @param maxPixels largest image accepted, checked from the header before decoding
     */
    public static BrandStore open(Path home, CaptionProposer proposer, long maxPixels) {
        return open(home, DatabaseLocation.sqlite(home), proposer, maxPixels);
    }

    /**
     * As {@link #open(Path, CaptionProposer, long)}, with the database elsewhere (a team's PostgreSQL); the blobs stay
     * under {@code home}, which in a team is a folder every node reaches.
     */
    public static BrandStore open(Path home, DatabaseLocation location, CaptionProposer proposer, long maxPixels) {
        return new BrandStore(home, location, proposer, maxPixels, Clock.systemUTC());
    }

    public static BrandStore open(Path home) {
        return open(home, CaptionProposer.NONE, ImageValidator.DEFAULT_MAX_PIXELS);
    }

    public BrandRepository brands() {
        return brands;
    }

    public ImageRepository images() {
        return images;
    }

    public DatasetRepository datasets() {
        return datasets;
    }

    public DatasetImporter importer() {
        return new DatasetImporter(datasets);
    }

    public HistoryRepository history() {
        return history;
    }

    public AdapterRepository adapters() {
        return adapters;
    }

    public AdapterPublisher adapterPublisher() {
        return adapterPublisher;
    }

    public BrandTaxonomyResolver resolver() {
        return resolver;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The database itself, for stores of the bridge that keep their rows beside the brands' (the job journal). */
    public AtelierDatabase database() {
        return db;
    }

    @Override
    public void close() {
        db.close();
    }
}
