package dev.hourglass.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard at {@code /} in real headless Chromium (DESIGN §8.5): upload by the file input, a BASIC job
 * from the form watched live to the end, the model page's pictures drawn, a 422 shown at its field, a running
 * job cancelled, keyboard use and a phone's width. After every test: no console errors (but the ones a test
 * expects) and nothing loaded from anywhere but the service. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/fmnist-2000.idx.gz").toAbsolutePath();
    static final Path LABELS = Path.of("src/test/resources/fixtures/fmnist-2000-labels.idx.gz").toAbsolutePath();
    static final Duration LONG = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Browser browser;
    Api api;
    String datasetId;
    /** Console messages the current test expects (as substrings), e.g. the 422 it provokes. */
    final List<String> expectedConsole = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        browser = Browser.open(port, 1280, 800);
        api = new Api(port);
        try (InputStream in = getClass().getResourceAsStream("/fixtures/fmnist-2000.idx.gz");
             InputStream labels = getClass().getResourceAsStream("/fixtures/fmnist-2000-labels.idx.gz")) {
            Api.Response uploaded = api.upload("/api/v1/datasets", List.of(
                    new Api.FilePart("file", "fmnist-2000.idx.gz", in.readAllBytes()),
                    new Api.FilePart("labels", "fmnist-2000-labels.idx.gz", labels.readAllBytes())), "name", "fmnist-api");
            assertThat(uploaded.status()).isEqualTo(201);
            datasetId = uploaded.json().get("id").asString();
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrorsAndNothingFromElsewhere(TestInfo test) throws IOException {
        browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());   // to see where a failure stopped
        List<String> errors = browser.console().stream()
                .filter(line -> line.startsWith("SEVERE"))
                .filter(line -> expectedConsole.stream().noneMatch(line::contains))
                .toList();
        expectedConsole.clear();
        assertThat(errors).as("console errors").isEmpty();
        assertThat(browser.resources()).allMatch(url -> url.startsWith(browser.base + "/")
                || url.startsWith("data:") || url.startsWith("blob:"));
    }

    @Test
    void uploadsADatasetByTheFileInputAndShowsItsColumnsAndImages() throws IOException {
        browser.go("#/datasets");
        browser.await(By.id("upload-file")).sendKeys(FIXTURE.toString());
        browser.driver.findElement(By.id("upload-labels")).sendKeys(LABELS.toString());
        WebElement name = browser.driver.findElement(By.id("upload-name"));
        name.sendKeys("fmnist-ui");
        browser.driver.findElement(By.id("upload-submit")).click();
        WebElement link = browser.await(By.id("upload-link"));
        assertThat(link.getText()).isEqualTo("fmnist-ui");
        assertThat(browser.driver.findElement(By.id("upload-progress")).getAttribute("aria-valuenow")).isEqualTo("100");
        browser.await(LONG, d -> d.findElements(By.xpath("//table[@id='datasets-table']//a[text()='fmnist-ui']")).isEmpty()
                ? null : true);
        browser.screenshot("datasets");

        link.click();
        WebElement thumbs = browser.await(By.cssSelector("#dataset-thumbs canvas"));
        assertThat(browser.greys(thumbs)).as("grey levels of the thumbnails").isGreaterThan(10);
        browser.await(LONG, d -> d.findElements(By.cssSelector("#dataset-columns .hist canvas")).size() >= 24 ? true : null);
        assertThat(browser.driver.findElement(By.id("dataset-columns")).getText()).contains("pixel0", "NUMERIC");
        assertThat(browser.driver.findElements(By.cssSelector("#dataset-preview tbody tr"))).hasSize(10);
        assertThat(browser.driver.findElement(By.cssSelector("#dataset-preview thead")).getText()).endsWith("label");
        browser.fullPage("dataset", 1280);
    }

    @Test
    void trainsABasicModelFromTheFormWatchesItLiveAndDrawsTheModel() throws IOException {
        browser.go("#/train?dataset=" + datasetId);
        WebElement variant = browser.await(By.id("f-variant"));
        assertThat(new Select(variant).getFirstSelectedOption().getText()).isEqualTo("BASIC");
        assertThat(browser.driver.findElement(By.id("f-training-epochs")).getAttribute("value")).isEqualTo("10");
        type("f-name", "dashboard-basic");
        type("f-encoder", "256, 32");
        type("f-training-epochs", "25");
        type("f-training-batchSize", "16");
        JsonNode sent = Api.JSON.readTree(browser.driver.findElement(By.id("spec-json")).getAttribute("value"));
        assertThat(sent.get("encoder").toString()).isEqualTo("[256,32]");
        assertThat(sent.get("training").get("epochs").asInt()).isEqualTo(25);
        browser.fullPage("train", 1280);
        browser.driver.findElement(By.id("train-submit")).click();

        browser.await(LONG, d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$") ? true : null);
        // Record every value the bar and the curve take, to see them move while the job trains.
        browser.await(By.id("job-progress"));
        browser.js("""
                window.__seen = {bar: [], points: []};
                const bar = document.getElementById('job-progress');
                new MutationObserver(() => window.__seen.bar.push(Number(bar.getAttribute('aria-valuenow'))))
                  .observe(bar, {attributes: true});
                new MutationObserver(() => {
                  const c = document.querySelector('#job-curves .loss-chart');
                  if (c && c.dataset.points) window.__seen.points.push(Number(c.dataset.points));
                }).observe(document.getElementById('job-curves'), {subtree: true, attributes: true, childList: true});""");
        browser.await(LONG, d -> d.findElements(By.cssSelector("#job-status [data-status='SUCCEEDED']")).isEmpty() ? null : true);
        browser.await(LONG, d -> "25".equals(d.findElement(By.cssSelector("#job-curves .loss-chart"))
                .getDomAttribute("data-points")) ? true : null);
        assertThat(browser.driver.findElement(By.id("job-progress")).getAttribute("aria-valuenow")).isEqualTo("100");
        @SuppressWarnings("unchecked")
        List<Number> bar = (List<Number>) browser.js("return window.__seen.bar");
        @SuppressWarnings("unchecked")
        List<Number> points = (List<Number>) browser.js("return window.__seen.points");
        assertThat(bar).as("the bar's values while training").anyMatch(v -> v.intValue() > 0 && v.intValue() < 100);
        assertThat(points).as("the curve's point counts while training").anyMatch(v -> v.intValue() > 0 && v.intValue() < 25);
        assertThat(browser.colouredPixels(browser.driver.findElement(By.cssSelector("#job-curves .loss-chart"))))
                .as("the loss curve drawn").isGreaterThan(50);
        browser.fullPage("job", 1280);

        browser.driver.findElement(By.id("job-model-link")).click();
        WebElement grid = browser.await(By.id("recon-grid"));
        assertThat(browser.greys(grid)).as("grey levels of the reconstruction grid").isGreaterThan(20);
        WebElement map = browser.await(By.cssSelector("#code-map canvas"));
        browser.await(LONG, d -> "2000".equals(d.findElement(By.id("code-map")).getDomAttribute("data-points")) ? true : null);
        assertThat(browser.colouredPixels(browser.driver.findElement(By.id("code-map")))).as("points of the code map")
                .isGreaterThan(500);
        assertThat(browser.driver.findElements(By.cssSelector("#code-map .u-legend .u-series")))
                .as("a legend entry per label, 0 to 9, after the axis").hasSize(11);
        WebElement scores = browser.await(By.cssSelector("#score-hist canvas"));
        assertThat(browser.colouredPixels(browser.driver.findElement(By.id("score-hist")))).as("bars and threshold")
                .isGreaterThan(200);
        assertThat(map.isDisplayed() && scores.isDisplayed()).isTrue();
        browser.await(LONG, d -> d.findElements(By.cssSelector("#model-curves .loss-chart canvas")).isEmpty() ? null : true);
        browser.fullPage("model", 1280);
        browser.screenshot(browser.driver.findElement(By.id("map-card")), "code-map");
    }

    @Test
    void drawsAVariationalModelsSamplesAndAMultimodalModelsCrossModalGrid() throws IOException {
        String vae = trainedModel("""
                {"datasetId": "%s", "name": "vae", "variant": "VARIATIONAL", "encoder": [128],
                 "variational": {"latentDim": 8}, "normalization": "MINMAX", "training": {"epochs": 2}}""");
        browser.go("#/models/" + vae);
        WebElement samples = browser.await(By.id("samples-grid"));
        assertThat(browser.greys(samples)).as("grey levels of the samples").isGreaterThan(10);
        browser.await(By.id("recon-grid"));

        String multimodal = trainedModel("""
                {"datasetId": "%s", "name": "top-bottom", "variant": "MULTIMODAL", "encoder": [16],
                 "modalities": [{"name": "top", "columns": ["0-391"], "encoder": [64]},
                                {"name": "bottom", "columns": ["392-783"], "encoder": [64]}],
                 "training": {"epochs": 2}}""");
        browser.go("#/models/" + multimodal);
        WebElement cross = browser.await(By.id("cross-grid"));
        assertThat(browser.greys(cross)).as("grey levels of the cross-modal grid").isGreaterThan(10);
        assertThat(browser.driver.findElement(By.id("cross-card")).getText())
                .contains("top given", "reconstructed from bottom alone");
        browser.await(LONG, d -> "2000".equals(d.findElement(By.id("code-map")).getDomAttribute("data-points")) ? true : null);
        browser.await(By.cssSelector("#score-hist canvas"));
        browser.fullPage("multimodal-model", 1280);
    }

    /** Trains a model of the spec (a format string taking the dataset's id) through the API; its id. */
    private String trainedModel(String spec) {
        Api.Response submitted = api.postJson("/api/v1/jobs", spec.formatted(datasetId));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return api.awaitSucceeded(submitted, LONG).get("modelId").asString();
    }

    @Test
    void showsTheServersFieldErrorsNextToTheirFields() throws IOException {
        expectedConsole.add("status of 422");
        browser.go("#/train?dataset=" + datasetId);
        browser.await(By.id("f-variant"));
        type("f-training-epochs", "0");
        type("f-encoder", "0");
        browser.driver.findElement(By.id("train-submit")).click();
        WebElement epochsError = browser.await(By.cssSelector(".field-error[data-error-for='training.epochs']"));
        assertThat(epochsError.getText()).isNotBlank();
        assertThat(browser.driver.findElement(By.id("f-training-epochs")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.cssSelector(".field-error[data-error-for='encoder']")).getText()).isNotBlank();
        assertThat(browser.driver.findElement(By.id("train-error")).getText()).isNotBlank();
        assertThat(browser.driver.getCurrentUrl()).contains("#/train");
        browser.fullPage("train-errors", 1280);

        // Fixing the field and submitting again clears the errors.
        type("f-training-epochs", "1");
        type("f-encoder", "8");
        browser.driver.findElement(By.id("train-submit")).click();
        browser.await(LONG, d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$") ? true : null);
    }

    @Test
    void cancelsARunningJobFromTheJobsList() throws IOException {
        Api.Response submitted = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "name": "long-run", "encoder": [256, 32],
                 "training": {"epochs": 400, "batchSize": 16}}""".formatted(datasetId));
        assertThat(submitted.status()).isEqualTo(202);
        String jobId = submitted.json().get("id").asString();
        browser.go("#/jobs");
        By row = By.cssSelector("#jobs-table tr[data-id='" + jobId + "']");
        browser.await(row);
        browser.await(LONG, d -> {
            String now = d.findElement(row).findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow");
            return Integer.parseInt(now) >= 10 ? true : null;   // it moves without a reload: the event stream
        });
        browser.screenshot("jobs");
        browser.await(Duration.ofSeconds(10), d -> {   // the row may be re-rendered between finding and clicking
            d.findElement(By.cssSelector("button[data-cancel='" + jobId + "']")).click();
            return true;
        });
        browser.await(LONG, d -> d.findElement(row).findElements(By.cssSelector("[data-status='CANCELLED']")).isEmpty()
                ? null : true);
        assertThat(api.get("/api/v1/jobs/" + jobId).json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void worksFromTheKeyboard() {
        browser.go("#/datasets");
        browser.await(By.id("upload-file"));
        browser.driver.navigate().refresh();   // a fresh page: focus starts at the top
        browser.await(By.id("upload-file"));
        Actions keys = new Actions(browser.driver);
        List<String> focused = new ArrayList<>();
        for (int i = 0; i < 6; i++) {   // the skip link, the brand, then the sections
            keys.sendKeys(Keys.TAB).perform();
            focused.add(browser.driver.switchTo().activeElement().getText());
        }
        assertThat(focused).contains("Skip to content", "Datasets", "Train", "Jobs", "Models");
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();   // back from Models to Jobs
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Jobs");
        keys.sendKeys(Keys.ENTER).perform();
        browser.await(By.id("jobs-table"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/jobs");
        // Every form control of the training page has a label.
        browser.go("#/train?dataset=" + datasetId);
        browser.await(By.id("f-variant"));
        Object unlabelled = browser.js("""
                return [...document.querySelectorAll('main input, main select, main textarea')]
                  .filter(el => !el.labels || el.labels.length === 0).map(el => el.id);""");
        assertThat((List<?>) unlabelled).isEmpty();
    }

    @Test
    void fitsAPhonesWidth() throws IOException {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : List.of("#/datasets", "#/jobs", "#/models", "#/train?dataset=" + datasetId)) {
                browser.go(page);
                browser.await(By.cssSelector("main h1"));
                browser.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("main table, main form")).isEmpty()
                        ? null : true);
                Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow.intValue()).as("horizontal overflow of " + page).isLessThanOrEqualTo(0);
            }
            browser.screenshot("train-phone");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    private void type(String id, String text) {
        WebElement input = browser.driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
