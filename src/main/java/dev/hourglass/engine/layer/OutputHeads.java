package dev.hourglass.engine.layer;

import dev.hourglass.engine.spec.TableLayout;

/**
 * The output of a network over a typed table: the output layer's pre-activation goes through the
 * output activation at numeric positions and through a softmax over each categorical block, which
 * gives that column's level probabilities.
 */
public final class OutputHeads {

    private OutputHeads() {
    }

    /** z(rows, layout.width()) in place: {@code numeric} at numeric positions, a softmax per categorical block. */
    public static void activateInPlace(float[] z, int rows, TableLayout layout, Activation numeric) {
        int[] offsets = layout.offsets();
        int width = layout.width();
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int c = 0; c < layout.columns(); c++) {
                int from = row + offsets[c];
                int to = row + offsets[c + 1];
                if (layout.categorical(c)) {
                    softmaxInPlace(z, from, to);
                } else if (numeric == Activation.SIGMOID) {
                    z[from] = (float) sigmoid(z[from]);
                }
            }
        }
    }

    /** z[from, to) ← softmax(z[from, to)), computed stably (the largest logit subtracted). */
    public static void softmaxInPlace(float[] z, int from, int to) {
        double lse = logSumExp(z, from, to);
        for (int p = from; p < to; p++) {
            z[p] = (float) Math.exp(z[p] - lse);
        }
    }

    /** log Σ exp z[from, to), computed stably. */
    public static double logSumExp(float[] z, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int p = from; p < to; p++) {
            max = Math.max(max, z[p]);
        }
        double sum = 0;
        for (int p = from; p < to; p++) {
            sum += Math.exp(z[p] - max);
        }
        return max + Math.log(sum);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** −[x log σ(z) + (1 − x) log(1 − σ(z))], computed from the logit without overflow. */
    public static double binaryCrossEntropy(double z, double x) {
        return Math.max(z, 0) - z * x + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** The level a one-hot (or, for a missing cell, any) block of {@code t} marks: its largest position. */
    public static int argmax(float[] t, int from, int to) {
        int best = from;
        for (int p = from + 1; p < to; p++) {
            if (t[p] > t[best]) {
                best = p;
            }
        }
        return best - from;
    }
}
