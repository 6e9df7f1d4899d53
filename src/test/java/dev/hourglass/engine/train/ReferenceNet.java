package dev.hourglass.engine.train;

import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.LossKind;

/**
 * An independent double-precision forward pass of an {@link Autoencoder}, reading parameters from
 * a flat vector in the documented order (per layer: own weight W(in,out), then bias; tied layers
 * read the mirrored encoder weight transposed). Used for finite-difference gradient checks.
 */
final class ReferenceNet {

    private final Dense[] layers;
    // The parameter layout, shared with ReferenceObjective.
    final int[] weightOffset;
    final boolean[] transposed;
    final int[] biasOffset;
    final int size;

    ReferenceNet(Autoencoder model) {
        this.layers = model.layers();
        int count = layers.length;
        weightOffset = new int[count];
        transposed = new boolean[count];
        biasOffset = new int[count];
        int offset = 0;
        for (int l = 0; l < count; l++) {
            if (layers[l].tied()) {
                weightOffset[l] = weightOffset[count - 1 - l];
                transposed[l] = true;
            } else {
                weightOffset[l] = offset;
                offset += layers[l].in() * layers[l].out();
            }
            biasOffset[l] = offset;
            offset += layers[l].out();
        }
        size = offset;
    }

    static double[] flatten(List<float[]> arrays) {
        int n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        double[] flat = new double[n];
        int o = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                flat[o++] = v;
            }
        }
        return flat;
    }

    static double f(Activation a, double z) {
        return switch (a) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0);
            case LEAKY_RELU -> z > 0 ? z : 0.01 * z;
            case LINEAR -> z;
        };
    }

    /** The mean reconstruction loss of rows x(m, n) plus λ Σ W² over the weights. */
    double loss(double[] theta, double[] x, int m, LossKind kind, double lambda) {
        int n = layers[0].in();
        double total = 0;
        for (int i = 0; i < m; i++) {
            double[] h = new double[n];
            System.arraycopy(x, i * n, h, 0, n);
            double[] z = null;
            for (int l = 0; l < layers.length; l++) {
                Dense d = layers[l];
                z = new double[d.out()];
                double[] y = new double[d.out()];
                for (int j = 0; j < d.out(); j++) {
                    double s = theta[biasOffset[l] + j];
                    for (int p = 0; p < d.in(); p++) {
                        double w = transposed[l] ? theta[weightOffset[l] + j * d.in() + p]
                                : theta[weightOffset[l] + p * d.out() + j];
                        s += h[p] * w;
                    }
                    z[j] = s;
                    y[j] = f(d.activation(), s);
                }
                h = y;
            }
            for (int j = 0; j < n; j++) {
                double t = x[i * n + j];
                if (kind == LossKind.MSE) {
                    total += (h[j] - t) * (h[j] - t);
                } else {
                    double p = 1 / (1 + Math.exp(-z[j]));
                    total -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                }
            }
        }
        double decay = 0;
        for (int l = 0; l < layers.length; l++) {
            if (!layers[l].tied()) {
                for (int q = 0; q < layers[l].in() * layers[l].out(); q++) {
                    decay += theta[weightOffset[l] + q] * theta[weightOffset[l] + q];
                }
            }
        }
        return total / ((double) m * n) + lambda * decay;
    }

    double[] numericGradient(double[] theta, double[] x, int m, LossKind kind, double lambda) {
        double h = 1e-6;
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = loss(theta, x, m, kind, lambda);
            theta[i] = keep - h;
            double down = loss(theta, x, m, kind, lambda);
            theta[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
