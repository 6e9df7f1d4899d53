package dev.hourglass.engine.train;

import java.util.Arrays;
import java.util.Map;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Presentation;
import dev.hourglass.engine.spec.Multimodal;

/**
 * What a multimodal autoencoder's shared space is worth, measured on held-out rows after each epoch
 * (Ngiam et al. 2011; the retrieval of bilingual autoencoders), all in the model's normalized space:
 * <ul>
 *   <li>{@code reconstruction.<m>}: modality m's mean squared error when every modality is shown;</li>
 *   <li>{@code crossModal.<s>.<t>}: modality t's error reconstructed from modality s alone (the others
 *   zeroed), next to {@code meanBaseline.<t>}, the error of predicting t's training means;</li>
 *   <li>{@code recallAt1}, {@code recallAt10}: for each ordered pair (s, t), how often row i's code from
 *   s alone has row i's code from t alone among its 1 (10) nearest codes from t alone (Euclidean), over
 *   at most {@value #RETRIEVAL_ROWS} rows, averaged over the pairs;</li>
 *   <li>with labels (at most {@value #MAX_CLASSES} classes, at least two training rows a class),
 *   {@code sharedRepresentation.<s>.<t>}: the accuracy of a linear softmax classifier trained on codes from
 *   s alone of up to {@value #CLASSIFIER_ROWS} training rows that are not measured, and tested on codes from
 *   t alone of the measured rows, next to {@code chance} (one over the number of classes).</li>
 * </ul>
 * The measured rows are the first {@value #MEASURED_ROWS} held-out rows.
 */
final class SharedSpace {

    /** Held-out rows the retrieval ranks among: its cost grows with their square. */
    static final int RETRIEVAL_ROWS = 1000;
    /** Held-out rows the measures use, at most: their cost and memory grow with them. */
    static final int MEASURED_ROWS = Trainer.EVALUATION_ROWS;
    /** Training rows (none of them measured) the classifier learns from. */
    static final int CLASSIFIER_ROWS = 2048;
    /** Most classes the shared-representation test takes on; beyond, it is left out. */
    static final int MAX_CLASSES = 256;
    private static final int CLASSIFIER_STEPS = 200;
    private static final double CLASSIFIER_RATE = 0.5;

    private SharedSpace() {
    }

    /**
     * Adds the measures to {@code out}. {@code data(·, inputDim)} normalized; {@code heldOut} and
     * {@code training} row indices into it; {@code labels} one class index per row, or null.
     */
    static void measure(Autoencoder model, float[] data, int[] heldOut, int[] training, int[] labels,
                        Map<String, Double> out) {
        Multimodal mm = model.spec().multimodal();
        int n = model.inputDim();
        int[] offsets = mm.offsets();
        heldOut = Arrays.copyOf(heldOut, Math.min(heldOut.length, MEASURED_ROWS));
        int count = heldOut.length;
        if (count == 0) {
            return;
        }
        java.util.BitSet measured = new java.util.BitSet();
        for (int r : heldOut) {
            measured.set(r);
        }
        training = Arrays.stream(training).filter(r -> !measured.get(r)).limit(CLASSIFIER_ROWS).toArray();
        float[] x = gather(data, n, heldOut);
        float[] all = model.reconstruct(x, count);
        float[] means = columnMeans(data, n, training);
        Presentation presentation = new Presentation(mm);
        float[][] alone = new float[mm.count()][];
        float[][] codes = new float[mm.count()][];
        for (int s = 0; s < mm.count(); s++) {
            alone[s] = only(presentation, x, count, n, s);
            codes[s] = model.encode(alone[s], count);
        }
        for (int t = 0; t < mm.count(); t++) {
            String target = mm.modalities().get(t).name();
            out.put("reconstruction." + target, error(all, x, count, n, offsets[t], offsets[t + 1]));
            out.put("meanBaseline." + target, baseline(means, x, count, n, offsets[t], offsets[t + 1]));
        }
        for (int s = 0; s < mm.count(); s++) {
            float[] y = model.reconstruct(alone[s], count);
            for (int t = 0; t < mm.count(); t++) {
                if (s != t) {
                    out.put("crossModal." + mm.modalities().get(s).name() + "." + mm.modalities().get(t).name(),
                            error(y, x, count, n, offsets[t], offsets[t + 1]));
                }
            }
        }
        retrieval(codes, Math.min(count, RETRIEVAL_ROWS), model.codeDim(), out);
        if (labels != null && training.length > 0) {
            classify(model, data, presentation, training, heldOut, labels, codes, out);
        }
    }

    private static float[] gather(float[] data, int n, int[] rows) {
        float[] x = new float[rows.length * n];
        Kernels.gatherRows(data, n, rows, 0, rows.length, x);
        return x;
    }

    private static float[] only(Presentation presentation, float[] x, int count, int n, int modality) {
        float[] copy = x.clone();
        for (int r = 0; r < count; r++) {
            presentation.zeroAllBut(copy, r * n, modality);
        }
        return copy;
    }

    private static float[] columnMeans(float[] data, int n, int[] rows) {
        double[] sum = new double[n];
        for (int r : rows) {
            for (int c = 0; c < n; c++) {
                sum[c] += data[r * n + c];
            }
        }
        float[] means = new float[n];
        for (int c = 0; c < n; c++) {
            means[c] = (float) (sum[c] / Math.max(1, rows.length));
        }
        return means;
    }

    /** Mean squared error of y against x over columns [from, to). */
    private static double error(float[] y, float[] x, int count, int n, int from, int to) {
        double sum = 0;
        for (int r = 0; r < count; r++) {
            for (int c = from; c < to; c++) {
                double d = y[r * n + c] - x[r * n + c];
                sum += d * d;
            }
        }
        return sum / ((double) count * (to - from));
    }

    private static double baseline(float[] means, float[] x, int count, int n, int from, int to) {
        double sum = 0;
        for (int r = 0; r < count; r++) {
            for (int c = from; c < to; c++) {
                double d = means[c] - x[r * n + c];
                sum += d * d;
            }
        }
        return sum / ((double) count * (to - from));
    }

    private static void retrieval(float[][] codes, int rows, int k, Map<String, Double> out) {
        double at1 = 0;
        double at10 = 0;
        int pairs = 0;
        for (int s = 0; s < codes.length; s++) {
            for (int t = 0; t < codes.length; t++) {
                if (s == t) {
                    continue;
                }
                int[] hits = ranks(codes[s], codes[t], rows, k);
                at1 += (double) hits[0] / rows;
                at10 += (double) hits[1] / rows;
                pairs++;
            }
        }
        out.put("recallAt1", at1 / pairs);
        out.put("recallAt10", at10 / pairs);
    }

    /** How many queries' own match ranks first, and among the first ten. */
    private static int[] ranks(float[] queries, float[] candidates, int rows, int k) {
        int[] hits = new int[2];
        for (int i = 0; i < rows; i++) {
            double own = distance(queries, i, candidates, i, k);
            int closer = 0;
            for (int j = 0; j < rows && closer < 10; j++) {
                if (j != i && distance(queries, i, candidates, j, k) < own) {
                    closer++;
                }
            }
            hits[0] += closer == 0 ? 1 : 0;
            hits[1] += closer < 10 ? 1 : 0;
        }
        return hits;
    }

    static double distance(float[] a, int i, float[] b, int j, int k) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double d = a[i * k + c] - b[j * k + c];
            sum += d * d;
        }
        return sum;
    }

    private static void classify(Autoencoder model, float[] data, Presentation presentation, int[] training,
                                 int[] heldOut, int[] labels, float[][] heldOutCodes, Map<String, Double> out) {
        int n = model.inputDim();
        int k = model.codeDim();
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        int[] fitRows = training;
        if (classes > MAX_CLASSES || fitRows.length < 2 * classes) {
            return;   // labels of too many classes (an id column) teach a linear classifier nothing worth its cost
        }
        float[] x = gather(data, n, fitRows);
        int[] fitLabels = Arrays.stream(fitRows).map(r -> labels[r]).toArray();
        int[] testLabels = Arrays.stream(heldOut).map(r -> labels[r]).toArray();
        Multimodal mm = model.spec().multimodal();
        for (int s = 0; s < mm.count(); s++) {
            float[] fitCodes = model.encode(only(presentation, x, fitRows.length, n, s), fitRows.length);
            Softmax classifier = Softmax.fit(fitCodes, fitLabels, fitRows.length, k, classes);
            for (int t = 0; t < mm.count(); t++) {
                if (t != s) {
                    out.put("sharedRepresentation." + mm.modalities().get(s).name() + "." + mm.modalities().get(t).name(),
                            classifier.accuracy(heldOutCodes[t], testLabels, heldOut.length));
                }
            }
        }
        out.put("chance", 1.0 / classes);
    }

    /** A linear softmax classifier on standardized codes, fitted by full-batch gradient descent from zero. */
    record Softmax(double[] mean, double[] scale, double[] weights, int k, int classes) {

        static Softmax fit(float[] x, int[] y, int rows, int k, int classes) {
            double[] mean = new double[k];
            double[] scale = new double[k];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < k; c++) {
                    mean[c] += x[r * k + c] / (double) rows;
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < k; c++) {
                    double d = x[r * k + c] - mean[c];
                    scale[c] += d * d / rows;
                }
            }
            for (int c = 0; c < k; c++) {
                scale[c] = 1 / Math.sqrt(scale[c] + 1e-8);
            }
            Softmax model = new Softmax(mean, scale, new double[(k + 1) * classes], k, classes);
            double[] gradient = new double[model.weights.length];
            double[] p = new double[classes];
            for (int step = 0; step < CLASSIFIER_STEPS; step++) {
                Arrays.fill(gradient, 0);
                for (int r = 0; r < rows; r++) {
                    model.probabilities(x, r, p);
                    for (int j = 0; j < classes; j++) {
                        double d = (p[j] - (y[r] == j ? 1 : 0)) / rows;
                        for (int c = 0; c < k; c++) {
                            gradient[c * classes + j] += d * model.feature(x, r, c);
                        }
                        gradient[k * classes + j] += d;
                    }
                }
                for (int i = 0; i < gradient.length; i++) {
                    model.weights[i] -= CLASSIFIER_RATE * gradient[i];
                }
            }
            return model;
        }

        private double feature(float[] x, int r, int c) {
            return (x[r * k + c] - mean[c]) * scale[c];
        }

        private void probabilities(float[] x, int r, double[] p) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                double z = weights[k * classes + j];
                for (int c = 0; c < k; c++) {
                    z += feature(x, r, c) * weights[c * classes + j];
                }
                p[j] = z;
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                p[j] = Math.exp(p[j] - max);
                sum += p[j];
            }
            for (int j = 0; j < classes; j++) {
                p[j] /= sum;
            }
        }

        double accuracy(float[] x, int[] y, int rows) {
            double[] p = new double[classes];
            int right = 0;
            for (int r = 0; r < rows; r++) {
                probabilities(x, r, p);
                int best = 0;
                for (int j = 1; j < classes; j++) {
                    best = p[j] > p[best] ? j : best;
                }
                right += best == y[r] ? 1 : 0;
            }
            return (double) right / rows;
        }
    }
}
