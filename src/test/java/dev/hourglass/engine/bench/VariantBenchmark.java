package dev.hourglass.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Diagnostics;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingState;

/**
 * Trains one variant on Fashion-MNIST (60 000 training images, no validation split, Adam 1e-3, batch
 * 128) with the hyper-parameters of {@code shared/reference/torch_ae.py} where the engine can express
 * them, and prints one JSON line: samples/s (median over epochs), train and t10k test MSE (clean
 * inputs; VAE: z = μ), and per variant the terms it optimizes.
 * <ul>
 *   <li>BASIC 784-256-64-256-784 ReLU, sigmoid output, MSE.</li>
 *   <li>DENOISING the same with masking noise q = 0.3; also test MSE from masked test inputs.</li>
 *   <li>SPARSE ReLU hidden layers around a sigmoid code (as torch), ρ = 0.05, β = 1e-3.</li>
 *   <li>CONTRACTIVE ReLU hidden layers around a sigmoid code, λ = 1e-4 on ‖J‖²_F of the whole two-layer
 *   encoder; {@code --scope CODE_LAYER} penalizes the code layer alone, given its input, as torch does.</li>
 *   <li>VARIATIONAL 784-256-(μ32|logvar32), 32-256-784, ReLU, Bernoulli likelihood, β = 1.</li>
 *   <li>STACKED 784-256-64 ReLU, {@code epochs} pretraining epochs per layer, then {@code epochs}
 *   of fine-tuning.</li>
 *   <li>MULTIMODAL the images' left and right halves (392 pixels each) as two modalities, a 128-unit ReLU
 *   branch each (block-diagonal, as wide as BASIC's 256 together) into the shared 64-unit code and back;
 *   one half alone in two rows of three. No PyTorch reference: compare with BASIC of the same widths.</li>
 * </ul>
 * Args: {@code --variant BASIC --epochs 3 --threads 2 [--seed 0]}; for the identity check of other
 * shapes {@code --encoder 1024 --hidden RELU --output LINEAR} override the architecture.
 */
public final class VariantBenchmark {

    public static void main(String[] args) throws Exception {
        String variant = "BASIC";
        int epochs = 3;
        int threads = 2;
        long seed = 0;
        int[] encoderOverride = null;
        Activation hiddenOverride = null;
        Activation output = Activation.SIGMOID;
        Contractive.Scope contractiveScope = Contractive.Scope.ENCODER;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--encoder" -> encoderOverride = java.util.Arrays.stream(args[++i].split(","))
                        .mapToInt(Integer::parseInt).toArray();
                case "--hidden" -> hiddenOverride = Activation.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--output" -> output = Activation.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--variant" -> variant = args[++i].toUpperCase(Locale.ROOT);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--scope" -> contractiveScope = Contractive.Scope.valueOf(args[++i].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        FashionMnist.Images train = FashionMnist.read("train-images-idx3-ubyte.gz");
        FashionMnist.Images test = FashionMnist.read("t10k-images-idx3-ubyte.gz");
        if (variant.equals("MULTIMODAL")) {
            train = halves(train);
            test = halves(test);
        }
        Kernels.warmUp();

        int[] encoder = {256, 64};
        Activation hidden = Activation.RELU;
        Regularization reg = Regularization.NONE;
        Stacking stacking = null;
        Variational vae = null;
        Activation code = null;
        Multimodal multimodal = null;
        switch (variant) {
            case "BASIC" -> { }
            case "DENOISING" -> reg = new Regularization(new Noise(NoiseKind.MASKING, 0.3f), null, null);
            // torch_ae.py: ReLU hidden layers under a sigmoid code
            case "SPARSE" -> {
                code = Activation.SIGMOID;
                reg = new Regularization(null, new Sparsity(0.05f, 1e-3f), null);
            }
            case "CONTRACTIVE" -> {
                code = Activation.SIGMOID;
                reg = new Regularization(null, null, new Contractive(1e-4f, contractiveScope));
            }
            case "VARIATIONAL" -> {
                encoder = new int[] {256};
                vae = new Variational(32, 1f, Likelihood.BERNOULLI, 1);
            }
            case "STACKED" -> stacking = new Stacking(epochs, true);
            case "MULTIMODAL" -> multimodal = new Multimodal(List.of(new Multimodal.Modality("left", 392, new int[] {128}),
                    new Multimodal.Modality("right", 392, new int[] {128})), Multimodal.DEFAULT_SINGLE_FRACTION, 0f);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        if (encoderOverride != null) {
            encoder = encoderOverride;
        }
        if (hiddenOverride != null) {
            hidden = hiddenOverride;
        }
        ArchitectureSpec spec = new ArchitectureSpec(train.cols(), encoder, null, hidden, output, false, vae,
                hiddenOverride != null ? null : code, null, multimodal);
        Autoencoder model = Autoencoder.initialize(spec, seed);
        TrainingConfig config = new TrainingConfig(epochs, 128, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0.0,
                seed, threads, reg, stacking);
        List<Double> rates = new ArrayList<>();
        List<EpochReport> reports = new ArrayList<>();
        long start = System.nanoTime();
        new Trainer().train(model, train.pixels(), train.rows(), config, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, TrainingState state) {
                rates.add(report.samplesPerSecond());
                reports.add(report);
                System.err.printf(Locale.ROOT, "[%s] %s epoch %d/%d: %.2fs %.0f samples/s loss %.5f %s%n",
                        spec.isVariational() ? "variational" : "ae", report.phase(), report.epoch(), report.epochs(),
                        report.seconds(), report.samplesPerSecond(), report.trainLoss(), report.terms());
            }
        }, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder extra = new StringBuilder();
        if (variant.equals("DENOISING")) {
            float[] masked = new float[test.pixels().length];
            Draws.maskingNoise(test.pixels(), masked, masked.length, 0.3f, new SplitMix64(1234));
            extra.append(String.format(Locale.ROOT, ",\"testMseMasked\":%.6f",
                    mse(model, masked, test.pixels(), test.rows(), test.cols())));
        }
        if (variant.equals("CONTRACTIVE") || variant.equals("SPARSE") || variant.equals("BASIC")) {
            float[] rows = java.util.Arrays.copyOf(test.pixels(), 1000 * test.cols());
            extra.append(String.format(Locale.ROOT, ",\"testJacobianFrobenius\":%.4f",
                    model.jacobianFrobeniusSquared(rows, 1000)));
        }
        if (variant.equals("SPARSE")) {
            float[] codes = model.encode(java.util.Arrays.copyOf(test.pixels(), 1000 * test.cols()), 1000);
            extra.append(String.format(Locale.ROOT, ",\"testMeanActivation\":%.4f",
                    ArrayOps.sum(codes, codes.length) / codes.length));
        }
        var identity = Diagnostics.identityCheck(model, test.pixels(), test.rows(), seed);
        extra.append(String.format(Locale.ROOT,
                ",\"identityCopies\":%b,\"identityDataError\":%.5f,\"identityRandomError\":%.5f,\"identityBaseline\":%.5f",
                identity.copiesInput(), identity.dataError(), identity.randomInputError(), identity.randomBaselineError()));
        EpochReport last = reports.get(reports.size() - 1);
        for (var e : last.terms().entrySet()) {
            extra.append(String.format(Locale.ROOT, ",\"%s\":%.6g", e.getKey(), e.getValue()));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"train\",\"variant\":\"%s\",\"dataset\":\"fashion-mnist\",\"epochs\":%d,\"threads\":%d,"
                        + "\"batch\":128,\"samplesPerSec\":%.1f,\"seconds\":%.1f,\"trainMse\":%.6f,\"testMse\":%.6f%s}",
                variant, epochs, threads, TrainBenchmark.median(rates), seconds,
                mse(model, train.pixels(), train.pixels(), train.rows(), train.cols()),
                mse(model, test.pixels(), test.pixels(), test.rows(), test.cols()), extra));
    }

    /** The images with each row's pixels reordered: its left half (columns 0–13), then its right half. */
    static FashionMnist.Images halves(FashionMnist.Images images) {
        float[] in = images.pixels();
        float[] out = new float[in.length];
        for (int r = 0; r < images.rows(); r++) {
            int left = 0;
            int right = 392;
            for (int p = 0; p < 784; p++) {
                out[r * 784 + (p % 28 < 14 ? left++ : right++)] = in[r * 784 + p];
            }
        }
        return new FashionMnist.Images(out, images.rows(), images.cols());
    }

    /** Mean over all elements of (reconstruct(inputs) − targets)², in chunks of 1000 rows. */
    static double mse(Autoencoder model, float[] inputs, float[] targets, int rows, int cols) {
        double sum = 0;
        for (int from = 0; from < rows; from += 1000) {
            int count = Math.min(1000, rows - from);
            float[] x = java.util.Arrays.copyOfRange(inputs, from * cols, (from + count) * cols);
            float[] t = java.util.Arrays.copyOfRange(targets, from * cols, (from + count) * cols);
            sum += Kernels.squaredError(model.reconstruct(x, count), t, new float[x.length], x.length, 0f);
        }
        return sum / ((double) rows * cols);
    }
}
