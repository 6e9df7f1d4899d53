package dev.hourglass.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingState;

/**
 * Trains the reference autoencoder (784-256-64-256-784, ReLU hidden layers, sigmoid output, MSE,
 * Adam 1e-3, no validation split) on Fashion-MNIST, the same net as
 * {@code shared/reference/torch_ae.py --variant basic}, and prints one JSON line for the run:
 * samples/s (median over epochs, training loop only), train and test MSE after training. Then
 * prints in-process encode throughput for batch 1 and batch 256 (unless {@code --no-encode}).
 *
 * <p>Args: {@code --variant BASIC --epochs 3 --threads 1 --batch 128 [--seed 0] [--no-encode]}.
 */
public final class TrainBenchmark {

    public static void main(String[] args) throws Exception {
        String variant = "BASIC";
        int epochs = 3;
        int threads = 1;
        int batch = 128;
        long seed = 0;
        boolean encode = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--variant" -> variant = args[++i].toUpperCase(Locale.ROOT);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-encode" -> encode = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --variant BASIC --epochs E --threads T --batch B [--seed S] [--no-encode])");
            }
        }
        if (!variant.equals("BASIC")) {
            System.err.println("variant " + variant + " is not implemented in the engine yet; only BASIC is");
            System.exit(2);
        }

        FashionMnist.Images train = FashionMnist.read("train-images-idx3-ubyte.gz");
        FashionMnist.Images test = FashionMnist.read("t10k-images-idx3-ubyte.gz");
        Kernels.warmUp();

        ArchitectureSpec spec = new ArchitectureSpec(train.cols(), new int[] {256, 64}, null, Activation.RELU,
                Activation.SIGMOID, false);
        Autoencoder model = Autoencoder.initialize(spec, seed);
        TrainingConfig config = new TrainingConfig(epochs, batch, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE,
                0.0, seed, threads);
        List<Double> rates = new ArrayList<>();
        new Trainer().train(model, train.pixels(), train.rows(), config, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, TrainingState state) {
                rates.add(report.samplesPerSecond());
                System.err.printf(Locale.ROOT, "[basic] epoch %d/%d: %.2fs  %.0f samples/s  loss %.5f%n",
                        report.epoch(), report.epochs(), report.seconds(), report.samplesPerSecond(), report.trainLoss());
            }
        }, null);
        double trainMse = mse(model, train);
        double testMse = mse(model, test);
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"train\",\"variant\":\"%s\",\"dataset\":\"fashion-mnist\",\"epochs\":%d,\"threads\":%d,"
                        + "\"batch\":%d,\"samplesPerSec\":%.1f,\"trainMse\":%.6f,\"testMse\":%.6f,\"simd\":%b,\"gemm\":\"%s\"}",
                variant, epochs, threads, batch, median(rates), trainMse, testMse, Kernels.simd(),
                Kernels.gemmPlan()));
        if (encode) {
            for (int b : new int[] {1, 256}) {
                System.out.println(String.format(Locale.ROOT,
                        "{\"bench\":\"encode\",\"variant\":\"%s\",\"batch\":%d,\"threads\":1,\"rowsPerSec\":%.1f}",
                        variant, b, encodeRate(model, test, b)));
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Mean over all elements of (x̂ − x)², reconstructing in chunks of 1000 rows. */
    static double mse(Autoencoder model, FashionMnist.Images images) {
        int cols = images.cols();
        double sum = 0;
        for (int from = 0; from < images.rows(); from += 1000) {
            int count = Math.min(1000, images.rows() - from);
            float[] x = new float[count * cols];
            System.arraycopy(images.pixels(), from * cols, x, 0, x.length);
            float[] y = model.reconstruct(x, count);
            for (int i = 0; i < x.length; i++) {
                double e = y[i] - x[i];
                sum += e * e;
            }
        }
        return sum / ((double) images.rows() * cols);
    }

    /** Rows per second of {@code encode} calls on batches of {@code batch} test rows, over about 2 seconds. */
    static double encodeRate(Autoencoder model, FashionMnist.Images images, int batch) {
        int cols = images.cols();
        int batches = images.rows() / batch;
        float[][] inputs = new float[Math.min(batches, 64)][batch * cols];
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(images.pixels(), i * batch * cols, inputs[i], 0, batch * cols);
        }
        long warmEnd = System.nanoTime() + 500_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            model.encode(inputs[i++ % inputs.length], batch);
        }
        long start = System.nanoTime();
        long end = start + 2_000_000_000L;
        long rows = 0;
        long now;
        do {
            model.encode(inputs[i++ % inputs.length], batch);
            rows += batch;
            now = System.nanoTime();
        } while (now < end);
        return rows * 1e9 / (now - start);
    }
}
