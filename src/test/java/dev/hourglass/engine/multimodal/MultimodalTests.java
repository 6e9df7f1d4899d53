package dev.hourglass.engine.multimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.FashionMnist;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingState;
import org.junit.jupiter.api.Test;

/**
 * A multimodal autoencoder on the two halves of Fashion-MNIST images: one half reconstructs the other,
 * both together reconstruct as well as a BASIC model of the same widths, and codes from one half alone
 * classify codes from the other (Ngiam et al.'s shared-representation test).
 */
class MultimodalTests {

    static final class Last implements TrainingListener {
        final List<EpochReport> epochs = new ArrayList<>();

        @Override
        public void onEpoch(EpochReport report, TrainingState state) {
            epochs.add(report);
        }

        Map<String, Double> terms() {
            return epochs.get(epochs.size() - 1).terms();
        }
    }

    static Last train(float[] images, int[] labels, dev.hourglass.engine.spec.AutoencoderSpec spec) {
        Last last = new Last();
        Engine.train(new Engine.Matrix(images.clone(), images.length / 784, 784), labels, spec, last, null);
        return last;
    }

    /**
     * Over seeds 3, 4 and 5 (12 epochs, 1,600 training and 400 held-out images): for each seed the right
     * half from the left half alone is at least 30% below the right half's mean baseline, and on average
     * the reconstruction from both halves is within 10% of BASIC 784-256-64's. One modality alone is
     * shown in a tenth of the training rows: the more rows see one half alone, the better the cross-modal
     * answers and the shared space and the worse the reconstruction from both (see the README).
     */
    @Test
    void oneHalfReconstructsTheOtherAndBothMatchABasicModel() {
        float[] images = Halves.images();
        double ratios = 0;
        for (long seed = 3; seed <= 5; seed++) {
            Last multimodal = train(images, null, Halves.multimodal(128, 64, 0.1f, 0f, 12, seed));
            Last basic = train(images, null, Halves.basic(128, 64, 12, seed));
            Map<String, Double> m = multimodal.terms();
            double both = multimodal.epochs.get(multimodal.epochs.size() - 1).validationLoss();
            double plain = basic.epochs.get(basic.epochs.size() - 1).validationLoss();
            double crossModal = m.get("crossModal.left.right");
            double baseline = m.get("meanBaseline.right");
            System.out.printf("halves, seed %d: right from left alone %.4f, its mean baseline %.4f (%.3f);"
                    + " both halves %.4f, BASIC %.4f (%.3f)%n", seed, crossModal, baseline, crossModal / baseline, both,
                    plain, both / plain);
            assertTrue(crossModal <= 0.7 * baseline, "seed " + seed + ": right from left alone " + crossModal
                    + " vs the mean " + baseline);
            ratios += both / plain;
        }
        assertTrue(ratios / 3 <= 1.1, "both halves vs BASIC, mean ratio " + ratios / 3);
    }

    /**
     * Ngiam's shared-representation test with the default presentations (one half alone in two rows of
     * three): a linear classifier trained on codes from one half alone labels codes from the other half
     * alone at least 3× as well as chance, both ways.
     */
    @Test
    void codesFromOneHalfClassifyCodesFromTheOther() {
        Map<String, Double> m = train(Halves.images(), FashionMnist.labels(),
                Halves.multimodal(128, 64, Multimodal.DEFAULT_SINGLE_FRACTION, 0f, 12, 3)).terms();
        System.out.printf("shared representation, seed 3: left→right %.4f, right→left %.4f, chance %.2f%n",
                m.get("sharedRepresentation.left.right"), m.get("sharedRepresentation.right.left"), m.get("chance"));
        assertTrue(m.get("sharedRepresentation.left.right") >= 3 * m.get("chance"), m.toString());
        assertTrue(m.get("sharedRepresentation.right.left") >= 3 * m.get("chance"), m.toString());
    }

    @Test
    void theAlignmentTermRaisesCrossModalRetrieval() {
        float[] images = Halves.images();
        Map<String, Double> without = train(images, null, Halves.multimodal(128, 64, 2f / 3, 0f, 8, 5)).terms();
        Map<String, Double> with = train(images, null, Halves.multimodal(128, 64, 2f / 3, 1f, 8, 5)).terms();
        System.out.printf("held-out recall@1 / @10, alignment 0: %.4f / %.4f; alignment 1: %.4f / %.4f"
                + " (code correlation %.3f)%n", without.get("recallAt1"), without.get("recallAt10"), with.get("recallAt1"),
                with.get("recallAt10"), with.get("codeCorrelation"));
        assertTrue(with.get("recallAt10") > without.get("recallAt10"), with + " vs " + without);
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        float[] images = java.util.Arrays.copyOf(Halves.images(), 300 * 784);
        dev.hourglass.engine.spec.AutoencoderSpec spec = Halves.multimodal(32, 8, 2f / 3, 0.5f, 2, 9);
        Engine.Outcome a = Engine.train(new Engine.Matrix(images.clone(), 300, 784), spec, TrainingListener.NONE, null);
        Engine.Outcome b = Engine.train(new Engine.Matrix(images.clone(), 300, 784), spec, TrainingListener.NONE, null);
        for (int p = 0; p < a.model().parameters().size(); p++) {
            assertArrayEquals(a.model().parameters().get(p), b.model().parameters().get(p), "parameter array " + p);
        }
    }
}
