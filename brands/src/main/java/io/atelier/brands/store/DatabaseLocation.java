package io.atelier.brands.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the Atelier database lives: the embedded SQLite file {@code <home>/atelier.db} (one machine, the default), or
 * a PostgreSQL server that several bridges and workers share (a team deployment).
 *
 * @param vendor     which database
 * @param sqliteFile the SQLite file; null for PostgreSQL
 * @param jdbcUrl    the JDBC URL, without credentials
 * @param user       PostgreSQL user; null for SQLite or when the driver's default applies
 * @param password   PostgreSQL password; null when none is given
 */
public record DatabaseLocation(Vendor vendor, Path sqliteFile, String jdbcUrl, String user, String password) {

    /** The database engines Atelier's migrations are written for; the id names the migrations' vendor folder. */
    public enum Vendor {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String id;

        Vendor(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The embedded default under a home folder. */
    public static DatabaseLocation sqlite(Path home) {
        Path file = home.resolve(AtelierDatabase.FILE_NAME);
        return new DatabaseLocation(Vendor.SQLITE, file, "jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    /**
     * A PostgreSQL server, from the URL libpq and {@code psql} take ({@code postgresql://user:password@host:port/db},
     * {@code postgres://} too) or a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...}).
     *
     * @throws IllegalArgumentException with a sentence for the user when the URL is not one of those
     */
    public static DatabaseLocation postgresql(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseLocation(Vendor.POSTGRESQL, null, url, null, null);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a PostgreSQL URL starts with postgresql:// (got " + url + ")");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("a PostgreSQL URL names a host and a database: "
                    + "postgresql://user:password@host:5432/atelier");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new DatabaseLocation(Vendor.POSTGRESQL, null, jdbc, user, password);
    }

    /** {@code --database} as given, or the SQLite file under {@code home} when it is null or blank. */
    public static DatabaseLocation parse(String urlOrNull, Path home) {
        if (urlOrNull == null || urlOrNull.isBlank()) {
            return sqlite(home);
        }
        return postgresql(urlOrNull.strip());
    }

    /** Where it is, for logs and messages: never the password. */
    public String describe() {
        return vendor == Vendor.SQLITE ? sqliteFile.toString() : jdbcUrl + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String decode(String text) {
        // Percent-decoding only: a '+' in a password is a plus, not a space as in a form.
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
