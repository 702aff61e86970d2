package io.atelier.brands;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.TestDatabases;
import java.nio.file.Path;

/** Every test of {@link BrandIsolationTest}, on a real PostgreSQL server instead of SQLite. */
class BrandIsolationOnPostgresTest extends BrandIsolationTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return TestDatabases.freshPostgres();
    }
}
