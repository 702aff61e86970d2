package io.atelier.brands.store;

import io.atelier.brands.BrandScope;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.history.HistoryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What differs between the two engines is in the migrations: these tests pin that it is there, and only there. */
class PostgresDatabaseTest {

    @TempDir
    Path home;

    @Test
    void postgresql_applies_the_shared_migrations_and_its_own_sqlite_only_the_shared() {
        try (AtelierDatabase pg = TestDatabases.freshPostgres(); AtelierDatabase sqlite = AtelierDatabase.open(home)) {
            assertEquals(DatabaseLocation.Vendor.POSTGRESQL, pg.vendor());
            List<String> onPostgres = versions(pg);
            List<String> onSqlite = versions(sqlite);
            assertTrue(onPostgres.contains("8.1"), onPostgres.toString());
            assertFalse(onSqlite.contains("8.1"), onSqlite.toString());
            assertTrue(onPostgres.containsAll(onSqlite));
        }
    }

    @Test
    void a_64_bit_seed_and_a_fractional_weight_read_back_exactly_on_postgresql() {
        try (AtelierDatabase db = TestDatabases.freshPostgres()) {
            BrandScope admin = BrandScope.admin();
            new BrandRepository(db).create(admin, new NewBrand("maison", "Maison", null, null, null, null));
            HistoryRepository history = new HistoryRepository(db);
            long seed = 9_007_199_254_740_993L;
            HistoryEntry entry = HistoryEntry.builder(HistoryRepository.newId(), "images.generate",
                            HistoryStatus.RUNNING).jobId("job-1").brand("maison").request(Map.of("prompt", "robe"))
                    .prompt("robe", "dress").model("atelier-micro", null).adapter("maison-v1", null, 0.123456789, null)
                    .size(64, 64).sampling(4, 7.123456789, "ddim", seed).createdAt(Instant.parse("2026-12-07T10:00:00Z"))
                    .build();
            history.save(entry);
            HistoryEntry read = history.get(admin, entry.id());
            assertEquals(seed, read.seed());
            assertEquals(0.123456789, read.adapterWeight());
            assertEquals(7.123456789, read.guidance());
        }
    }

    @Test
    void a_libpq_url_becomes_a_jdbc_url_with_its_credentials_apart() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://studio:p%40ss+1@db.lan:5433/atelier", home);
        assertEquals("jdbc:postgresql://db.lan:5433/atelier", location.jdbcUrl());
        assertEquals("studio", location.user());
        assertEquals("p@ss+1", location.password());
        assertFalse(location.describe().contains("p@ss"));
        assertEquals(DatabaseLocation.Vendor.SQLITE, DatabaseLocation.parse(null, home).vendor());
        assertThrows(IllegalArgumentException.class, () -> DatabaseLocation.parse("mysql://db/atelier", home));
        assertThrows(IllegalArgumentException.class, () -> DatabaseLocation.parse("postgresql://db.lan", home));
    }

    private static List<String> versions(AtelierDatabase db) {
        return db.read(c -> {
            List<String> versions = new ArrayList<>();
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            return versions;
        });
    }
}
