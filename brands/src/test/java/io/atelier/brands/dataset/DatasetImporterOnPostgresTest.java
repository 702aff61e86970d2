package io.atelier.brands.dataset;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.TestDatabases;
import java.nio.file.Path;

/** Every test of {@link DatasetImporterTest}, on a real PostgreSQL server instead of SQLite. */
class DatasetImporterOnPostgresTest extends DatasetImporterTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return TestDatabases.freshPostgres();
    }
}
