package dev.hourglass.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.FashionMnist;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.model.LoadedModel;

/**
 * In-process throughput of {@code score} (the service's own path: normalize, reconstruct, score,
 * threshold, p-values, and with features each column's share), one thread, on the reference net
 * 784-256-64-256-784 trained for one epoch on the 2,000-image fixture. Prints one JSON line per
 * batch size and option set. Args: {@code [--seconds S]} per measurement (default 3).
 *
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.package=dev.hourglass.inference -Dbench.class=ScoreBenchmark
 * </pre>
 */
public final class ScoreBenchmark {

    public static void main(String[] args) {
        double seconds = args.length == 2 && args[0].equals("--seconds") ? Double.parseDouble(args[1]) : 3;
        float[] images = FashionMnist.fixture();
        Kernels.warmUp();
        Engine.Outcome trained = Engine.train(new Engine.Matrix(images.clone(), 2000, 784), new AutoencoderSpec(
                Variant.BASIC, new ArchitectureSpec(784, new int[] {256, 64}, null, Activation.RELU, Activation.SIGMOID,
                false), new TrainingConfig(1, 128, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0.1, 1, 1),
                Normalization.MINMAX, new Anomaly(0.01, AnomalyScore.MSE)), null, null);
        LoadedModel model = new LoadedModel(null, trained.model(), trained.normalizer(), null, trained.calibration());
        Inference inference = new Inference(null, 10_000, 20_000_000L);
        for (int batch : new int[] {1, 256}) {
            for (Inference.ScoreOptions options : List.of(
                    new Inference.ScoreOptions(false, 0, null, null, null, null),
                    new Inference.ScoreOptions(true, 0, null, null, null, null),
                    new Inference.ScoreOptions(true, 5, null, null, null, null))) {
                double rate = rowsPerSecond(inference, model, images, batch, options, seconds);
                System.out.println(String.format(Locale.ROOT, "{\"bench\":\"score\",\"batch\":%d,\"features\":%b,"
                        + "\"top\":%d,\"threads\":1,\"rowsPerSec\":%.1f}", batch, options.features(), options.top(), rate));
            }
        }
    }

    private static double rowsPerSecond(Inference inference, LoadedModel model, float[] images, int batch,
                                        Inference.ScoreOptions options, double seconds) {
        int batches = 2000 / batch;
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            score(inference, model, images, batch, i++ % batches, options);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long rows = 0;
        long now;
        do {
            score(inference, model, images, batch, i++ % batches, options);
            rows += batch;
            now = System.nanoTime();
        } while (now < end);
        return rows * 1e9 / (now - start);
    }

    private static void score(Inference inference, LoadedModel model, float[] images, int batch, int b,
                              Inference.ScoreOptions options) {
        float[] x = Arrays.copyOfRange(images, b * batch * 784, (b + 1) * batch * 784);
        inference.score(model, x, batch, AnomalyScore.MSE, 1, options);
    }
}
