package io.atelier.brands.adapter;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.TestDatabases;
import java.nio.file.Path;

/** Every test of {@link AdapterRepositoryTest}, on a real PostgreSQL server instead of SQLite. */
class AdapterRepositoryOnPostgresTest extends AdapterRepositoryTest {
    @Override
    AtelierDatabase openDatabase(Path home) {
        return TestDatabases.freshPostgres();
    }
}
