package io.ocean.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver, for the console's browser tests. Both paths are given
 * to Selenium, so Selenium Manager never downloads a browser or a driver. Without them the tests are skipped, unless
 * {@code -Docean.test.browser=required} (as in .ci/run) makes that a failure.
 */
final class Browser {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Skips (or fails, when required) the calling test when the browser is not installed. */
    static void assumeInstalled() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String reason = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver";
        if (!installed && "required".equals(System.getProperty("ocean.test.browser"))) {
            Assertions.fail(reason + "; -Docean.test.browser=required makes their absence a failure");
        }
        Assumptions.assumeTrue(installed, reason);
    }

    /** A fresh headless Chromium with its own profile folder, 1 280 × 900. */
    static ChromeDriver start() throws IOException {
        Path profile = Files.createTempDirectory("ocean-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }
}
