package io.atelier.micro.train;

import io.atelier.micro.model.AtelierMicroModel;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed atelier-micro package as a folder on the test classpath (target/classes). */
final class ShippedPackage {

    private ShippedPackage() {}

    static Path dir() {
        URL url = ShippedPackage.class.getResource(AtelierMicroModel.RESOURCE_FOLDER + AtelierMicroModel.MODEL_JSON);
        if (url == null) {
            throw new IllegalStateException("atelier-micro package missing from the classpath");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path component(String fileName) {
        return dir().resolve(fileName);
    }
}
