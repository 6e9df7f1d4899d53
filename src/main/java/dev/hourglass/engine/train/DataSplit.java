package dev.hourglass.engine.train;

import dev.hourglass.engine.tensor.SplitMix64;

/**
 * The train/validation split of {@link Trainer}: one seeded shuffle of the row indices, the last
 * round(validationFraction · rows) of them held out. Callers use it to fit a normalizer on exactly
 * the rows the trainer will train on.
 */
public final class DataSplit {

    private DataSplit() {
    }

    /** Indices of the training rows, in the order the trainer starts its first epoch from. */
    public static int[] trainingRows(int rows, double validationFraction, long seed) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        new SplitMix64(seed).shuffle(order, rows);
        int trainRows = rows - (int) Math.round(validationFraction * rows);
        return java.util.Arrays.copyOf(order, Math.max(0, trainRows));
    }
}
