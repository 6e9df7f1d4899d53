package dev.hourglass.engine.train;

import java.util.Arrays;

import dev.hourglass.engine.random.SplitMix64;

/**
 * The train/validation split of {@link Trainer}: one seeded shuffle of the row indices, the last
 * round(validationFraction · rows) of them held out. The trainer takes its split from here, and so
 * do callers that fit a normalizer on exactly the rows the trainer will train on.
 *
 * @param training   indices of the training rows, in the order the first epoch's shuffle starts from
 * @param validation indices of the held-out rows
 * @param rngState   the state of the seed's generator after the split's shuffle; training draws go on from it
 */
public record DataSplit(int[] training, int[] validation, long rngState) {

    public static DataSplit of(int rows, double validationFraction, long seed) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplitMix64 rng = new SplitMix64(seed);
        rng.shuffle(order, rows);
        int validationRows = (int) Math.round(validationFraction * rows);
        int trainRows = Math.max(0, rows - validationRows);
        return new DataSplit(Arrays.copyOf(order, trainRows), Arrays.copyOfRange(order, trainRows, rows), rng.state());
    }

    /** Indices of the training rows, in the order the trainer starts its first epoch from. */
    public static int[] trainingRows(int rows, double validationFraction, long seed) {
        return of(rows, validationFraction, seed).training();
    }
}
