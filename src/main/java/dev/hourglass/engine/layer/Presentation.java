package dev.hourglass.engine.layer;

import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.Multimodal;

/**
 * How a multimodal autoencoder sees its training rows (Ngiam et al. 2011): each row, with probability
 * {@code singleModalityFraction}, shows one modality alone, chosen uniformly, the others' columns
 * zeroed; otherwise it shows them all. The reconstruction target stays every modality. Per row one
 * draw decides, and a second picks the modality, both from the trainer's stream; inference never
 * applies it.
 */
public final class Presentation {

    private final int[] offsets;
    private final float fraction;

    public Presentation(Multimodal multimodal) {
        this.offsets = multimodal.offsets();
        this.fraction = multimodal.singleModalityFraction();
    }

    /** x(rows, width) in place: the rows chosen to show one modality alone keep only that modality's columns. */
    public void applyInPlace(float[] x, int rows, SplitMix64 rng) {
        int width = offsets[offsets.length - 1];
        int modalities = offsets.length - 1;
        for (int r = 0; r < rows; r++) {
            if (rng.nextFloat() >= fraction) {
                continue;
            }
            int kept = rng.nextInt(modalities);
            zeroAllBut(x, r * width, kept);
        }
    }

    /** Zeroes every modality's columns of the row starting at {@code row} except modality {@code kept}'s. */
    public void zeroAllBut(float[] x, int row, int kept) {
        int width = offsets[offsets.length - 1];
        java.util.Arrays.fill(x, row, row + offsets[kept], 0f);
        java.util.Arrays.fill(x, row + offsets[kept + 1], row + width, 0f);
    }
}
