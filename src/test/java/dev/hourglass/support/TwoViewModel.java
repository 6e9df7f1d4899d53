package dev.hourglass.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.model.LoadedModel;

/**
 * A multimodal model as inference loads one, trained on two views of one latent: z ~ N(0, I₂), view
 * {@code left} = tanh(W_A z) + noise (12 columns a0…a11), view {@code right} = W_B z + noise (8 columns
 * b0…b7), noise N(0, 0.02²), W_A and W_B fixed Gaussian draws. Either view tells z, so each predicts the other
 * and rows can be matched across them. Network 12|8 → 16|16 → 4 (shared code) and back, MINMAX, with the CorrNet
 * alignment term. Feature names are the network's columns (left then right). Trained once per test JVM.
 */
public final class TwoViewModel {

    public static final UUID ID = UUID.fromString("3e9b1c70-6a2d-4f8e-9b1a-2c3d4e5f6a7b");
    public static final int LEFT = 12;
    public static final int RIGHT = 8;
    private static final int LATENT = 2;
    private static final double NOISE = 0.02;

    private static LoadedModel model;

    private TwoViewModel() {
    }

    /** Columns a0…a11, then b0…b7. */
    public static List<String> columns() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < LEFT; c++) {
            names.add("a" + c);
        }
        for (int c = 0; c < RIGHT; c++) {
            names.add("b" + c);
        }
        return names;
    }

    /** {@code rows} rows of both views, left's columns then right's, row-major; the same seed, the same rows. */
    public static float[] rows(int rows, long seed) {
        Random weights = new Random(1);
        double[][] wa = gaussian(weights, LEFT, LATENT);
        double[][] wb = gaussian(weights, RIGHT, LATENT);
        Random r = new Random(seed);
        float[] out = new float[rows * (LEFT + RIGHT)];
        for (int i = 0; i < rows; i++) {
            double[] z = {r.nextGaussian(), r.nextGaussian()};
            int at = i * (LEFT + RIGHT);
            for (int c = 0; c < LEFT; c++) {
                out[at + c] = (float) (Math.tanh(wa[c][0] * z[0] + wa[c][1] * z[1]) + NOISE * r.nextGaussian());
            }
            for (int c = 0; c < RIGHT; c++) {
                out[at + LEFT + c] = (float) (wb[c][0] * z[0] + wb[c][1] * z[1] + NOISE * r.nextGaussian());
            }
        }
        return out;
    }

    public static synchronized LoadedModel get() {
        if (model == null) {
            Multimodal mm = new Multimodal(List.of(new Multimodal.Modality("left", LEFT, new int[] {16}),
                    new Multimodal.Modality("right", RIGHT, new int[] {16})), Multimodal.DEFAULT_SINGLE_FRACTION, 0.5f);
            ArchitectureSpec shape = new ArchitectureSpec(LEFT + RIGHT, mm.encoderWidths(new int[] {4}), null,
                    Activation.RELU, Activation.SIGMOID, false, null, null, null, mm);
            TrainingConfig training = new TrainingConfig(60, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, 0f, LossKind.MSE, 0.1,
                    7, 1);
            Engine.Outcome trained = Engine.train(new Engine.Matrix(rows(2000, 11), 2000, LEFT + RIGHT), null,
                    new AutoencoderSpec(Variant.MULTIMODAL, shape, training, Normalization.MINMAX),
                    TrainingListener.NONE, null);
            model = new LoadedModel(ID, trained.model(), trained.normalizer(), columns(), null);
        }
        return model;
    }

    private static double[][] gaussian(Random r, int rows, int columns) {
        double[][] w = new double[rows][columns];
        for (double[] row : w) {
            for (int c = 0; c < columns; c++) {
                row[c] = r.nextGaussian();
            }
        }
        return w;
    }
}
