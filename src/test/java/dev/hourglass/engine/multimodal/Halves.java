package dev.hourglass.engine.multimodal;

import java.util.List;

import dev.hourglass.engine.FashionMnist;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;

/**
 * The Fashion-MNIST fixture (2,000 images) as two modalities: each image's left half (columns 0–13 of
 * its 28 rows, 392 pixels) and its right half, the left half's pixels first in every row.
 */
final class Halves {

    static final int HALF = 392;

    private Halves() {
    }

    /** The images with each row's pixels reordered: the left half, then the right half. */
    static float[] images() {
        float[] images = FashionMnist.fixture();
        int count = images.length / 784;
        float[] out = new float[images.length];
        for (int r = 0; r < count; r++) {
            int left = 0;
            int right = HALF;
            for (int p = 0; p < 784; p++) {
                out[r * 784 + (p % 28 < 14 ? left++ : right++)] = images[r * 784 + p];
            }
        }
        return out;
    }

    static Multimodal modalities(int branch, float fraction, float alignment) {
        return new Multimodal(List.of(new Multimodal.Modality("left", HALF, new int[] {branch}),
                new Multimodal.Modality("right", HALF, new int[] {branch})), fraction, alignment);
    }

    static TrainingConfig training(int epochs, long seed) {
        return new TrainingConfig(epochs, 64, OptimizerKind.ADAM, 1e-3f, 0.9f, 0f, LossKind.MSE, 0.2, seed, 1);
    }

    /** Branches of {@code branch} units per half, then a shared code of {@code code}; MINMAX, sigmoid output. */
    static AutoencoderSpec multimodal(int branch, int code, float fraction, float alignment, int epochs, long seed) {
        Multimodal mm = modalities(branch, fraction, alignment);
        ArchitectureSpec shape = new ArchitectureSpec(784, mm.encoderWidths(new int[] {code}), null, Activation.RELU,
                Activation.SIGMOID, false, null, null, null, mm);
        return new AutoencoderSpec(Variant.MULTIMODAL, shape, training(epochs, seed), Normalization.MINMAX);
    }

    /** The BASIC model of the same total widths: 784 → 2·branch → code → 2·branch → 784. */
    static AutoencoderSpec basic(int branch, int code, int epochs, long seed) {
        ArchitectureSpec shape = new ArchitectureSpec(784, new int[] {2 * branch, code}, null, Activation.RELU,
                Activation.SIGMOID, false);
        return new AutoencoderSpec(Variant.BASIC, shape, training(epochs, seed), Normalization.MINMAX);
    }
}
