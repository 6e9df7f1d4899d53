package dev.hourglass.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with every host but localhost unresolvable: the
 * page must load all it needs from the service. Without the browser the tests are skipped, unless
 * {@code HOURGLASS_REQUIRE_BROWSER} is set (as {@code .ci/run} does), when its absence fails them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("hourglass.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("hourglass.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    static Browser open(int port, int width, int height) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("HOURGLASS_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("HOURGLASS_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, () -> "Browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (Debian packages chromium and chromium-driver)");
        Path profile = Files.createTempDirectory("hourglass-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                // No network but this machine: an asset fetched from anywhere else fails to load, and the test sees it.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://localhost:" + port, profile);
    }

    void go(String hash) {
        driver.get(base + "/" + hash);
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        // The pages re-render rows as events and polls arrive: an element found a moment ago may be gone.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    WebElement await(By by) {
        return await(Duration.ofSeconds(30), d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** How many distinct grey levels a canvas holds: a blank or single-colour canvas has at most one. */
    long greys(WebElement canvas) {
        return ((Number) js("""
                const el = arguments[0];
                if (el.width === 0 || el.height === 0) return 0;
                const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
                const seen = new Set();
                for (let i = 0; i < data.length; i += 4) seen.add(data[i]);
                return seen.size;""", canvas)).longValue();
    }

    /**
     * How many pixels of a uPlot chart's canvas are coloured (not a shade of grey): its series, since axes, grid
     * and labels are grey. Give the chart's container.
     */
    long colouredPixels(WebElement chart) {
        return ((Number) js("""
                const el = arguments[0].querySelector('canvas');
                if (!el || el.width === 0 || el.height === 0) return 0;
                const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
                let n = 0;
                for (let i = 0; i < data.length; i += 4) {
                  const hi = Math.max(data[i], data[i + 1], data[i + 2]);
                  const lo = Math.min(data[i], data[i + 1], data[i + 2]);
                  if (data[i + 3] > 0 && hi - lo > 40) n++;
                }
                return n;""", chart)).longValue();
    }

    /** Every resource the page loaded, by URL: each must come from the service itself. */
    @SuppressWarnings("unchecked")
    List<String> resources() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat([location.href]);");
    }

    /** The console's entries since the last call, as "LEVEL message". */
    List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            out.add(entry.getLevel() + " " + entry.getMessage());
        }
        return out;
    }

    Path screenshot(String name) throws IOException {
        return save(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE), name);
    }

    Path screenshot(WebElement element, String name) throws IOException {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        return save(element.getScreenshotAs(OutputType.FILE), name);
    }

    private static Path save(File png, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.copy(png.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    /** Full-page screenshots: the window grows to the page's height for the shot. */
    Path fullPage(String name, int width) throws IOException {
        Number height = (Number) js("return Math.max(document.body.scrollHeight, 600)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", Math.min(height.intValue(), 4000), "deviceScaleFactor", 1, "mobile", false));
        try {
            return screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
