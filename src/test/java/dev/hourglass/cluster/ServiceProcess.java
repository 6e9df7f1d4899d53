package dev.hourglass.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hourglass.support.Api;

/** The packaged service as a separate JVM: started, killed with SIGKILL, or stopped with SIGTERM. */
final class ServiceProcess implements AutoCloseable {

    final String node;
    final int port;
    final Api api;
    private final Process process;

    private ServiceProcess(String node, int port, Process process) {
        this.node = node;
        this.port = port;
        this.process = process;
        this.api = new Api(port);
    }

    static ServiceProcess start(String node, Map<String, Object> databaseProperties) throws IOException {
        String jar = System.getProperty("hourglass.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the packaged jar is missing (" + jar + "); run ./mvnw verify");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-jar", jar,
                "--server.port=" + port,
                "--hourglass.workers.node-name=" + node,
                "--hourglass.workers.pool-size=1",
                "--hourglass.workers.threads-per-job=1",
                "--hourglass.workers.polling-interval=300ms",
                "--hourglass.workers.heartbeat-interval=1s",
                "--hourglass.workers.missed-heartbeats-limit=4",
                "--logging.level.com.github.kagkarlsson=INFO"));
        databaseProperties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = Path.of("target", "it-logs", node + "-" + System.currentTimeMillis() + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(node, port, process);
        service.awaitReady(Duration.ofSeconds(120), log);
        return service;
    }

    private void awaitReady(Duration timeout, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(node + " exited during start-up; log:\n" + Files.readString(log));
            }
            try {
                if (api.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            sleep(250);
        }
        throw new IllegalStateException(node + " not ready after " + timeout);
    }

    /** SIGKILL: the node vanishes without a word, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: graceful shutdown. Returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(node + " did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
