package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The README's Python client ({@code examples/hourglass_client.py}, standard library only) run as a process
 * against this service over real HTTP: upload, idempotent submit and replay, training to SUCCEEDED, encode and
 * reconstruct, export and import, a 422 read as a problem. The script checks each step itself and exits 0 only
 * when all of them behaved; this test asserts the exit code and that the output shows the steps. Without
 * {@code python3} on the PATH it is skipped, unless {@code HOURGLASS_REQUIRE_PYTHON} is set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PythonExampleTests {

    static final Path SCRIPT = Path.of("examples", "hourglass_client.py");
    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    static final Duration TIMEOUT = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    @Test
    void pythonClientWalksTheReadmeFlowAndExitsZero() throws Exception {
        Path python = python3();
        Path output = Files.createTempFile("hourglass-python-example", ".log");
        // Working directory: the project root, which is where Maven runs the tests and where the script's paths start.
        Process process = new ProcessBuilder(List.of(python.toString(), SCRIPT.toString(),
                "--url", "http://localhost:" + port,
                "--dataset", FIXTURES.resolve("fmnist-2000.idx.gz").toString(),
                "--labels", FIXTURES.resolve("fmnist-2000-labels.idx.gz").toString(),
                "--timeout", "180"))
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output);
        Files.delete(output);

        assertThat(exited).as("the script did not finish within %s; it printed:%n%s", TIMEOUT, printed).isTrue();
        assertThat(process.exitValue()).as("exit code; the script printed:%n%s", printed).isZero();
        assertThat(printed)
                .contains("1. upload fmnist-2000.idx.gz + labels fmnist-2000-labels.idx.gz: 201")
                .contains("2000 rows x 784 columns, label column 'label'")
                .contains("Idempotent-Replayed: true")
                .contains("replay check passed: one job, not two")
                .contains("SUCCEEDED epoch 3/3  100%")
                .contains("code width 16 (from 784 columns)")
                .contains("row 0 (label 9): reconstruction error")
                .contains("import: 201")
                .contains("matches the original")
                .contains("the imported model encodes the 4 rows to the same codes")
                .contains("422 application/problem+json")
                .contains("type   https://hourglass.dev/problems/invalid-spec")
                .contains("errors[] training.epochs: must be between 1 and 100000")
                .endsWith("All six steps behaved as the README says." + System.lineSeparator());
    }

    /** python3 from the PATH; skips the test without one, or fails it when HOURGLASS_REQUIRE_PYTHON is set. */
    private static Path python3() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Optional<Path> python = Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable)
                .findFirst();
        if (python.isEmpty() && System.getenv("HOURGLASS_REQUIRE_PYTHON") != null) {
            throw new IllegalStateException("HOURGLASS_REQUIRE_PYTHON is set but there is no python3 on the PATH");
        }
        Assumptions.assumeTrue(python.isPresent(), "Python example skipped: no python3 on the PATH");
        return python.get();
    }
}
