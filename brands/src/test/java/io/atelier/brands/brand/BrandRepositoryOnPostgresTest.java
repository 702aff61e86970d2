package io.atelier.brands.brand;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.TestDatabases;
import java.nio.file.Path;

/** Every test of {@link BrandRepositoryTest}, on a real PostgreSQL server instead of SQLite. */
class BrandRepositoryOnPostgresTest extends BrandRepositoryTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return TestDatabases.freshPostgres();
    }
}
