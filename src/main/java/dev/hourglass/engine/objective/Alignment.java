package dev.hourglass.engine.objective;

import java.util.List;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.layer.Presentation;
import dev.hourglass.engine.spec.Multimodal;

/**
 * The correlation term of bilingual autoencoders and CorrNet (Chandar et al. 2016) for a multimodal
 * network: the batch's clean rows go through the encoder once per modality with only that modality
 * shown (the others zeroed), giving codes h_a; the term is −λ · the mean over modality pairs (a, b) and
 * code units j of corr(h_a[·, j], h_b[·, j]) over the batch, corr = cov / (s_a s_b) with
 * s = √(var + ε). Its gradient runs back through those extra encoder passes into the encoder's
 * parameters: ∂corr/∂a_r = (1/m) (b̃_r / (s_a s_b) − corr · ã_r / s_a²), ã and b̃ centred.
 * Metrics: "alignment" (the term) and "codeCorrelation" (the mean correlation).
 */
public final class Alignment implements Term {

    static final double EPSILON = 1e-6;

    private final float lambda;
    private final Presentation presentation;
    private final Dense[] encoder;
    private final int modalities;
    private final int n;
    private final int k;
    private final float[][] inputs;
    private final float[][][] act;
    private final float[][][] grad;
    private int rows;

    Alignment(Multimodal multimodal, Network network, int capacity) {
        this.lambda = multimodal.alignment();
        this.presentation = new Presentation(multimodal);
        this.encoder = network.encoder();
        this.modalities = multimodal.count();
        this.n = network.inputDim();
        this.k = encoder[encoder.length - 1].out();
        this.inputs = new float[modalities][capacity * n];
        this.act = new float[modalities][encoder.length][];
        this.grad = new float[modalities][encoder.length][];
        for (int i = 0; i < modalities; i++) {
            for (int l = 0; l < encoder.length; l++) {
                act[i][l] = new float[capacity * encoder[l].out()];
                grad[i][l] = new float[capacity * encoder[l].out()];
            }
        }
    }

    @Override
    public List<String> metrics() {
        return List.of("alignment", "codeCorrelation");
    }

    /** The codes of the batch from modality {@code i} alone: (m, k), valid after {@link #forward}. */
    float[] code(int i) {
        return act[i][encoder.length - 1];
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        int m = pass.rows();
        this.rows = m;
        for (int i = 0; i < modalities; i++) {
            System.arraycopy(pass.target(), 0, inputs[i], 0, m * n);
            for (int r = 0; r < m; r++) {
                presentation.zeroAllBut(inputs[i], r * n, i);
            }
            float[] x = inputs[i];
            for (int l = 0; l < encoder.length; l++) {
                encoder[l].forward(pass.ctx(), x, m, act[i][l], true);
                x = act[i][l];
            }
        }
        double sum = 0;
        for (int a = 0; a < modalities; a++) {
            for (int b = a + 1; b < modalities; b++) {
                sum += correlations(code(a), code(b), m, k, null, null, 0);
            }
        }
        double mean = sum / ((double) pairs() * k);
        values[offset] = -lambda * mean;
        values[offset + 1] = mean;
        return -lambda * mean;
    }

    private int pairs() {
        return modalities * (modalities - 1) / 2;
    }

    /**
     * Σ_j corr(a[·, j], b[·, j]) over the m rows of a(m, k) and b(m, k); when {@code da} is not null, also
     * adds {@code scale} times its gradient with respect to a and b into da and db (m, k).
     */
    static double correlations(float[] a, float[] b, int m, int k, float[] da, float[] db, double scale) {
        double total = 0;
        for (int j = 0; j < k; j++) {
            double ma = 0;
            double mb = 0;
            for (int r = 0; r < m; r++) {
                ma += a[r * k + j];
                mb += b[r * k + j];
            }
            ma /= m;
            mb /= m;
            double va = 0;
            double vb = 0;
            double cov = 0;
            for (int r = 0; r < m; r++) {
                double ca = a[r * k + j] - ma;
                double cb = b[r * k + j] - mb;
                va += ca * ca;
                vb += cb * cb;
                cov += ca * cb;
            }
            double sa = Math.sqrt(va / m + EPSILON);
            double sb = Math.sqrt(vb / m + EPSILON);
            double corr = cov / m / (sa * sb);
            total += corr;
            if (da != null) {
                for (int r = 0; r < m; r++) {
                    double ca = a[r * k + j] - ma;
                    double cb = b[r * k + j] - mb;
                    da[r * k + j] += (float) (scale * (cb / (sa * sb) - corr * ca / (sa * sa)) / m);
                    db[r * k + j] += (float) (scale * (ca / (sa * sb) - corr * cb / (sb * sb)) / m);
                }
            }
        }
        return total;
    }

    @Override
    public void addToParameterGradients(Pass pass) {
        int m = rows;
        int code = encoder.length - 1;
        double scale = -lambda / ((double) pairs() * k);
        for (int i = 0; i < modalities; i++) {
            java.util.Arrays.fill(grad[i][code], 0, m * k, 0f);
        }
        for (int a = 0; a < modalities; a++) {
            for (int b = a + 1; b < modalities; b++) {
                correlations(code(a), code(b), m, k, grad[a][code], grad[b][code], scale);
            }
        }
        for (int i = 0; i < modalities; i++) {
            Kernels.activationBackwardInPlace(pass.ctx(), grad[i][code], act[i][code], m * k,
                    encoder[code].activation().nonlinearity());
            for (int l = code; l >= 0; l--) {
                encoder[l].backwardAccumulate(pass.ctx(), l == 0 ? inputs[i] : act[i][l - 1], grad[i][l], m,
                        l > 0 ? grad[i][l - 1] : null, l > 0 ? encoder[l - 1].activation().nonlinearity() : Nonlinearity.LINEAR);
            }
        }
    }
}
