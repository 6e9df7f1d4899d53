package dev.hourglass.engine.train;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.Variational;

/**
 * An independent double-precision implementation of the training objective of every variant, row
 * by row, reading parameters from a flat vector in {@link Autoencoder#parameters()} order. The random
 * parts (corrupted input, contractive probes, ε) are passed in as the engine drew them, so central
 * differences of this function check the engine's analytic gradient of the very same objective.
 */
final class ReferenceObjective {

    private final Dense[] layers;
    private final int encoderLayers;
    private final Variational vae;
    private final TableLayout table;
    private final int[] weightOffset;
    private final boolean[] transposed;
    private final int[] biasOffset;

    /** Fixed draws of one step; over a typed table, also which cells are observed (m, columns; null: all). */
    record Draws(double[] encoderInput, double[] probes, double[] eps, double[] observed) {

        Draws(double[] encoderInput, double[] probes, double[] eps) {
            this(encoderInput, probes, eps, null);
        }
    }

    /**
     * Which terms the objective holds: reconstruction by {@code loss} (a variational network's by its
     * likelihood), the KL of a variational latent, and the penalty blocks that are set.
     */
    record Terms(boolean reconstruction, LossKind loss, Sparsity sparsity, Contractive contractive, boolean kl) {

        /** Every term of a training objective with these blocks (weight decay apart). */
        static Terms all(LossKind loss, Regularization reg) {
            return new Terms(true, loss, reg.sparsity(), reg.contractive(), true);
        }
    }

    ReferenceObjective(Autoencoder model) {
        this.layers = model.layers();
        this.encoderLayers = model.encoderLayers();
        this.vae = model.spec().variational();
        this.table = model.spec().table();
        ReferenceNet layout = new ReferenceNet(model);
        weightOffset = layout.weightOffset;
        transposed = layout.transposed;
        biasOffset = layout.biasOffset;
    }

    private double w(double[] theta, int l, int p, int j) {
        Dense d = layers[l];
        return transposed[l] ? theta[weightOffset[l] + j * d.in() + p] : theta[weightOffset[l] + p * d.out() + j];
    }

    static double f(Activation a, double z) {
        return ReferenceNet.f(a, z);
    }

    static double df(Activation a, double z) {
        return switch (a) {
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 - s);
            }
            case TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : 0.01;
            case LINEAR -> 1;
        };
    }

    /** Pre-activations z of layer l for input h. */
    private double[] pre(double[] theta, int l, double[] h) {
        Dense d = layers[l];
        double[] z = new double[d.out()];
        for (int j = 0; j < d.out(); j++) {
            double s = theta[biasOffset[l] + j];
            for (int p = 0; p < d.in(); p++) {
                s += h[p] * w(theta, l, p, j);
            }
            z[j] = s;
        }
        return z;
    }

    private double[] act(int l, double[] z) {
        double[] y = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            y[j] = f(layers[l].activation(), z[j]);
        }
        return y;
    }

    /** Negative log-likelihood of target t given output logits/pre-activations z of the last layer, summed. */
    private double nll(double[] z, double[] t, int from, boolean logits, boolean halfSquare) {
        Activation out = layers[layers.length - 1].activation();
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            double x = t[from + j];
            if (logits) {
                double p = 1 / (1 + Math.exp(-z[j]));
                s -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
            } else {
                double e = f(out, z[j]) - x;
                s += halfSquare ? e * e / 2 : e * e;
            }
        }
        return s;
    }

    /**
     * Over a typed table: the loss of row {@code from} of {@code t} given the output pre-activations z,
     * summed over the observed cells (numeric: as {@link #nll}; categorical: log Σ exp z − z_level), and
     * the count of those cells, in {@code sumAndCount}.
     */
    private void typedNll(double[] z, double[] t, int from, double[] observed, int row, boolean logits, boolean half,
                          double[] sumAndCount) {
        Activation out = layers[layers.length - 1].activation();
        int[] offsets = table.offsets();
        for (int c = 0; c < table.columns(); c++) {
            if (observed != null && observed[row * table.columns() + c] == 0) {
                continue;
            }
            sumAndCount[1]++;
            if (table.categorical(c)) {
                int level = 0;
                double lse = 0;
                for (int p = offsets[c]; p < offsets[c + 1]; p++) {
                    if (t[from + p] > t[from + offsets[c] + level]) {
                        level = p - offsets[c];
                    }
                    lse += Math.exp(z[p]);
                }
                sumAndCount[0] += Math.log(lse) - z[offsets[c] + level];
            } else {
                double x = t[from + offsets[c]];
                double zc = z[offsets[c]];
                if (logits) {
                    double p = 1 / (1 + Math.exp(-zc));
                    sumAndCount[0] -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
                } else {
                    double e = f(out, zc) - x;
                    sumAndCount[0] += half ? e * e / 2 : e * e;
                }
            }
        }
    }

    /** The objective the engine's {@code step} returns (weight decay excluded). */
    double value(double[] theta, double[] clean, int m, Terms o, Draws draws) {
        int n = layers[0].in();
        int last = layers.length - 1;
        double[] input = draws.encoderInput() != null ? draws.encoderInput() : clean;
        double[][][] zs = new double[m][encoderLayers][];
        double[][][] ys = new double[m][encoderLayers][];
        double recon = 0;
        double[] typed = new double[2];
        for (int i = 0; i < m; i++) {
            double[] h = new double[n];
            System.arraycopy(input, i * n, h, 0, n);
            for (int l = 0; l < encoderLayers; l++) {
                zs[i][l] = pre(theta, l, h);
                ys[i][l] = act(l, zs[i][l]);
                h = ys[i][l];
            }
            if (!o.reconstruction()) {
                continue;
            }
            if (vae == null) {
                double[] z = null;
                for (int l = encoderLayers; l <= last; l++) {
                    z = pre(theta, l, h);
                    h = act(l, z);
                }
                if (table != null) {
                    typedNll(z, clean, i * n, draws.observed(), i, o.loss() == LossKind.BCE, false, typed);
                } else {
                    recon += nll(z, clean, i * n, o.loss() == LossKind.BCE, false) / ((double) m * n);
                }
            } else {
                int k = vae.latentDim();
                for (int s = 0; s < vae.samples(); s++) {
                    double[] zl = new double[k];
                    for (int l = 0; l < k; l++) {
                        zl[l] = h[l] + Math.exp(0.5 * h[k + l]) * draws.eps()[(s * m + i) * k + l];
                    }
                    double[] g = zl;
                    double[] z = null;
                    for (int l = encoderLayers; l <= last; l++) {
                        z = pre(theta, l, g);
                        g = act(l, z);
                    }
                    if (table != null) {
                        double[] row = new double[2];
                        typedNll(z, clean, i * n, draws.observed(), i, vae.likelihood() == Likelihood.BERNOULLI, true, row);
                        recon += row[0] / ((double) m * vae.samples());
                    } else {
                        recon += nll(z, clean, i * n, vae.likelihood() == Likelihood.BERNOULLI, true)
                                / ((double) m * vae.samples());
                    }
                }
            }
        }
        if (table != null && vae == null && typed[1] > 0) {
            recon = typed[0] / typed[1];
        }
        double total = recon;
        int code = encoderLayers - 1;
        if (vae != null && o.kl()) {
            int k = vae.latentDim();
            double kl = 0;
            for (int i = 0; i < m; i++) {
                double[] h = ys[i][code];
                for (int l = 0; l < k; l++) {
                    kl += -0.5 * (1 + h[k + l] - h[l] * h[l] - Math.exp(h[k + l]));
                }
            }
            total += vae.klWeight() * kl / m;
        }
        if (o.sparsity() != null) {
            double rho = o.sparsity().target();
            int k = layers[code].out();
            double kl = 0;
            for (int l = 0; l < k; l++) {
                double mean = 0;
                for (int i = 0; i < m; i++) {
                    mean += ys[i][code][l] / m;
                }
                kl += rho * Math.log(rho / mean) + (1 - rho) * Math.log((1 - rho) / (1 - mean));
            }
            total += o.sparsity().weight() * kl;
        }
        if (o.contractive() != null) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                if (encoderLayers == 1 || o.contractive().scope() == Contractive.Scope.CODE_LAYER) {
                    // closed form of the code layer's Jacobian w.r.t. its own input: Σ_j f'(z_j)² Σ_p W_pj²
                    int k = encoderLayers - 1;
                    Dense d = layers[k];
                    for (int l = 0; l < d.out(); l++) {
                        double c = 0;
                        for (int p = 0; p < d.in(); p++) {
                            c += w(theta, k, p, l) * w(theta, k, p, l);
                        }
                        double g = df(d.activation(), zs[i][k][l]);
                        sum += g * g * c;
                    }
                } else {
                    double[] u = new double[n];
                    System.arraycopy(draws.probes(), i * n, u, 0, n);
                    for (int l = 0; l < encoderLayers; l++) {
                        Dense d = layers[l];
                        double[] next = new double[d.out()];
                        for (int j = 0; j < d.out(); j++) {
                            double s = 0;
                            for (int p = 0; p < d.in(); p++) {
                                s += u[p] * w(theta, l, p, j);
                            }
                            next[j] = df(d.activation(), zs[i][l][j]) * s;
                        }
                        u = next;
                    }
                    for (double e : u) {
                        sum += e * e;
                    }
                }
            }
            total += o.contractive().weight() * sum / m;
        }
        return total;
    }

    /** The code (the encoder's last layer, activated) of one row {@code x}. */
    double[] encode(double[] theta, double[] x) {
        double[] h = x;
        for (int l = 0; l < encoderLayers; l++) {
            h = act(l, pre(theta, l, h));
        }
        return h;
    }

    /** The gradient of λ Σ W² over the weights (not biases): 2λW. */
    double[] decayGradient(double[] theta, double lambda) {
        double[] g = new double[theta.length];
        for (int l = 0; l < layers.length; l++) {
            if (!layers[l].tied()) {
                for (int q = 0; q < layers[l].in() * layers[l].out(); q++) {
                    g[weightOffset[l] + q] = 2 * lambda * theta[weightOffset[l] + q];
                }
            }
        }
        return g;
    }

    double[] numericGradient(double[] theta, double[] clean, int m, Terms o, Draws draws) {
        double h = 1e-6;
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = value(theta, clean, m, o, draws);
            theta[i] = keep - h;
            double down = value(theta, clean, m, o, draws);
            theta[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
