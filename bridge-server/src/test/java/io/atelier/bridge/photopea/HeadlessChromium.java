package io.atelier.bridge.photopea;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * {@code chromium chromium-driver} (.ci/run installs them); tests that need them are skipped when they are absent.
 * Their paths are given explicitly so that Selenium never tries to download a browser or a driver.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profile) {
        File browser = find("ATELIER_CHROMIUM", "chromium", "chromium-browser").orElse(null);
        File driver = find("ATELIER_CHROMEDRIVER", "chromedriver").orElse(null);
        assumeTrue(browser != null && driver != null, "Skipped: the Photopea panel's browser test needs chromium and"
                + " chromedriver on the PATH (Debian: apt-get install chromium chromium-driver).");
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
        if (given != null && Files.isExecutable(Path.of(given))) {
            return Optional.of(new File(given));
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
