package io.atelier.brands.adapter;

import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.safetensors.AdapterMetadata;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.brands.safetensors.SafeTensorsFile;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterRepositoryTest {

    @TempDir
    Path home;
    AtelierDatabase db;
    AdapterRepository adapters;
    AdapterPublisher publisher;
    final BrandScope admin = BrandScope.admin();
    final AdapterSpec spec = new AdapterSpec("atelier-micro", "a".repeat(64), "d".repeat(64), 30, 400, 4, 1e-3, 7);

    @BeforeEach
    void open() {
        db = openDatabase(home);
        BrandRepository brands = new BrandRepository(db);
        brands.create(admin, new NewBrand("maison", "Maison", null, null, null, null));
        brands.create(admin, new NewBrand("autre", "Autre", null, null, null, null));
        adapters = new AdapterRepository(db, Clock.systemUTC());
        publisher = new AdapterPublisher(home, new BlobStore(home), adapters);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void versions_count_up_per_brand_and_start_in_training_without_a_file() {
        AdapterRecord v1 = adapters.begin(admin, "maison", spec);
        AdapterRecord v2 = adapters.begin(admin, "maison", spec);
        AdapterRecord other = adapters.begin(admin, "autre", spec);
        assertEquals("maison-v1", v1.id());
        assertEquals("maison-v2", v2.id());
        assertEquals("autre-v1", other.id());
        assertEquals(AdapterStatus.TRAINING, v1.status());
        assertNull(v1.filePath());
        assertEquals(spec, v1.spec());
        assertEquals(List.of("maison-v2", "maison-v1"), adapters.list(admin, "maison").stream().map(AdapterRecord::id).toList());
    }

    @Test
    void a_published_adapter_is_ready_current_and_its_file_round_trips() throws Exception {
        AdapterRecord v1 = adapters.begin(admin, "maison", spec);
        adapters.progress(v1.id(), 120);
        assertEquals(120, adapters.get(admin, v1.id()).stepsDone());
        KohyaKeys keys = KohyaKeys.forUnetModule("mid_block.attn.to_q");
        List<Tensor> tensors = List.of(Tensor.ofFloats(keys.down(), new long[]{4, 8}, new float[32]),
                Tensor.ofFloats(keys.up(), new long[]{8, 4}, new float[32]),
                Tensor.ofFloats(keys.alpha(), new long[]{}, new float[]{4}));
        AdapterMetadata metadata = new AdapterMetadata("maison", v1.id(), "atelier-micro", spec.baseModelSha256(),
                spec.datasetSha256(), 400, 4, 4, "brand_0");
        AdapterRecord ready = publisher.publish(v1.id(), metadata, tensors);
        assertEquals(AdapterStatus.READY, ready.status());
        assertTrue(ready.current());
        assertEquals(400, ready.stepsDone());
        assertTrue(Files.isRegularFile(home.resolve(ready.filePath())));
        SafeTensorsFile file = publisher.read(ready);
        assertEquals(metadata, AdapterMetadata.fromMap(file.metadata()));
        assertEquals(tensors.get(0), file.tensor(keys.down()).orElseThrow());
        assertEquals(ready, adapters.current(admin, "maison").orElseThrow());
    }

    @Test
    void a_new_version_becomes_current_and_an_older_one_can_be_made_current_again() {
        AdapterRecord v1 = publishEmpty(adapters.begin(admin, "maison", spec));
        AdapterRecord v2 = publishEmpty(adapters.begin(admin, "maison", spec));
        assertEquals(v2.id(), adapters.current(admin, "maison").orElseThrow().id());
        adapters.makeCurrent(admin, v1.id());
        assertEquals(v1.id(), adapters.current(admin, "maison").orElseThrow().id());
        assertFalse(adapters.get(admin, v2.id()).current());
    }

    @Test
    void interrupted_training_is_listed_for_resumption_and_cancelled_ones_are_not() {
        AdapterRecord crashed = adapters.begin(admin, "maison", spec);
        AdapterRecord cancelled = adapters.begin(admin, "autre", spec);
        adapters.end(cancelled.id(), AdapterStatus.CANCELLED);
        assertEquals(List.of(crashed.id()), adapters.interrupted().stream().map(AdapterRecord::id).toList());
        assertEquals(AdapterStatus.CANCELLED, adapters.get(admin, cancelled.id()).status());
        assertTrue(adapters.current(admin, "autre").isEmpty());
        // a cancelled adapter has no file and cannot be made current
        assertThrows(NotFoundException.class, () -> adapters.makeCurrent(admin, cancelled.id()));
    }

    @Test
    void training_parameters_are_checked_and_an_empty_dataset_is_refused() {
        assertEquals("rank", assertThrows(InvalidInputException.class, () -> adapters.begin(admin, "maison",
                new AdapterSpec("m", null, "d", 3, 100, 0, 1e-3, 1))).field());
        assertEquals("steps", assertThrows(InvalidInputException.class, () -> adapters.begin(admin, "maison",
                new AdapterSpec("m", null, "d", 3, 0, 4, 1e-3, 1))).field());
        assertEquals("brand", assertThrows(InvalidInputException.class, () -> adapters.begin(admin, "maison",
                new AdapterSpec("m", null, "d", 0, 100, 4, 1e-3, 1))).field());
    }

    @Test
    void adapters_of_another_house_are_not_found() {
        AdapterRecord theirs = publishEmpty(adapters.begin(admin, "autre", spec));
        BrandScope maison = BrandScope.of(Set.of("maison"));
        NotFoundException other = assertThrows(NotFoundException.class, () -> adapters.get(maison, theirs.id()));
        NotFoundException absent = assertThrows(NotFoundException.class, () -> adapters.get(maison, "maison-v9"));
        assertEquals(absent.getMessage(), other.getMessage());
        assertThrows(NotFoundException.class, () -> adapters.list(maison, "autre"));
        assertThrows(NotFoundException.class, () -> adapters.current(maison, "autre"));
        assertThrows(NotFoundException.class, () -> adapters.makeCurrent(maison, theirs.id()));
        assertThrows(NotFoundException.class, () -> adapters.begin(maison, "autre", spec));
    }

    private AdapterRecord publishEmpty(AdapterRecord training) {
        KohyaKeys keys = KohyaKeys.forUnetModule("mid_block.attn.to_q");
        return publisher.publish(training.id(), new AdapterMetadata(training.brand(), training.id(), "atelier-micro",
                null, "d", 1, 1, 1, "brand_0"), List.of(Tensor.ofFloats(keys.alpha(), new long[]{}, new float[]{training.version()})));
    }

    /** SQLite under the test's home; {@link AdapterRepositoryOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
