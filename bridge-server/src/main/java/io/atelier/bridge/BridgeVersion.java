package io.atelier.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The bridge's version, written into {@code version.properties} by the build. */
public final class BridgeVersion {
    private static final String VERSION = load();

    private BridgeVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BridgeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
