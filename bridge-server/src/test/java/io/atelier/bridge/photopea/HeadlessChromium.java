package io.atelier.bridge.photopea;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver (WebDriver). The binaries come from the packages
 * {@code chromium chromium-driver} (.ci/run installs them); tests that need them skip themselves when {@link #missing()}
 * says why.
 * Their paths are given explicitly so that Selenium never tries to download a browser or a driver.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** Why the browser test cannot run here, or null when chromium and chromedriver are both found. */
    static String missing() {
        if (find("ATELIER_CHROMIUM", "chromium", "chromium-browser").isPresent()
                && find("ATELIER_CHROMEDRIVER", "chromedriver").isPresent()) {
            return null;
        }
        return "Skipped: the Photopea panel's browser test needs chromium and chromedriver on the PATH"
                + " (Debian: apt-get install chromium chromium-driver; or ATELIER_CHROMIUM / ATELIER_CHROMEDRIVER).";
    }

    static ChromeDriver start(Path profile) {
        File browser = find("ATELIER_CHROMIUM", "chromium", "chromium-browser").orElseThrow();
        File driver = find("ATELIER_CHROMEDRIVER", "chromedriver").orElseThrow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        // As root in a container: no sandbox. The background-networking flags keep Chromium from calling Google's
        // hosts, which this machine's closed network refuses many at a time.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1100,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }

    private static Optional<File> find(String override, String... names) {
        String given = System.getenv(override);
        if (given != null && !given.isBlank()) {  // a path given is the only one tried
            return Files.isExecutable(Path.of(given)) ? Optional.of(new File(given)) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toFile());
                }
            }
        }
        return Optional.empty();
    }
}
