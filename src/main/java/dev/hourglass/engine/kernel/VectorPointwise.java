package dev.hourglass.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD element-wise kernels; tails fall back to {@link ScalarPointwise}'s formulas. */
final class VectorPointwise implements PointwiseKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // One loop per function, the switch outside: a helper that takes and returns vectors inside the
    // loop is only free if C2 inlines it, and it refuses once that helper has been compiled on its
    // own into more than InlineSmallCode bytes; then every vector is boxed (seen: 250 KB per step).

    @Override
    public void biasActivate(float[] y, int n, float[] bias, Nonlinearity f, int rowFrom, int rowTo, int colFrom,
                             int colTo) {
        switch (f) {
            case SIGMOID -> biasSigmoid(y, n, bias, rowFrom, rowTo, colFrom, colTo);
            case TANH -> biasTanh(y, n, bias, rowFrom, rowTo, colFrom, colTo);
            case RELU -> biasRelu(y, n, bias, rowFrom, rowTo, colFrom, colTo);
            case LEAKY_RELU -> biasLeakyRelu(y, n, bias, rowFrom, rowTo, colFrom, colTo);
            case LINEAR -> biasLinear(y, n, bias, rowFrom, rowTo, colFrom, colTo);
        }
    }

    private static void biasSigmoid(float[] y, int n, float[] bias, int rowFrom, int rowTo, int colFrom, int colTo) {
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector z = FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j));
                VectorMath.sigmoid(z).intoArray(y, o + j);
            }
            for (; j < colTo; j++) {
                y[o + j] = ScalarMath.sigmoid(y[o + j] + bias[j]);
            }
        }
    }

    private static void biasTanh(float[] y, int n, float[] bias, int rowFrom, int rowTo, int colFrom, int colTo) {
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector z = FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j));
                VectorMath.tanh(z).intoArray(y, o + j);
            }
            for (; j < colTo; j++) {
                y[o + j] = ScalarMath.tanh(y[o + j] + bias[j]);
            }
        }
    }

    private static void biasRelu(float[] y, int n, float[] bias, int rowFrom, int rowTo, int colFrom, int colTo) {
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j)).max(0f).intoArray(y, o + j);
            }
            for (; j < colTo; j++) {
                y[o + j] = Math.max(y[o + j] + bias[j], 0f);
            }
        }
    }

    private static void biasLeakyRelu(float[] y, int n, float[] bias, int rowFrom, int rowTo, int colFrom, int colTo) {
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector z = FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j));
                z.blend(z.mul(Nonlinearity.LEAKY_SLOPE), z.compare(VectorOperators.LE, 0f)).intoArray(y, o + j);
            }
            for (; j < colTo; j++) {
                float z = y[o + j] + bias[j];
                y[o + j] = z > 0f ? z : Nonlinearity.LEAKY_SLOPE * z;
            }
        }
    }

    private static void biasLinear(float[] y, int n, float[] bias, int rowFrom, int rowTo, int colFrom, int colTo) {
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j)).intoArray(y, o + j);
            }
            for (; j < colTo; j++) {
                y[o + j] += bias[j];
            }
        }
    }

    @Override
    public void activationBackward(float[] g, float[] y, Nonlinearity f, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        switch (f) {
            case SIGMOID -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector.fromArray(S, g, i).mul(yv.mul(yv.neg().add(1f))).intoArray(g, i);   // y (1 − y)
                }
            }
            case TANH -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector.fromArray(S, g, i).mul(yv.mul(yv).neg().add(1f)).intoArray(g, i);   // 1 − y²
                }
            }
            case RELU -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector gv = FloatVector.fromArray(S, g, i);
                    gv.mul(gv.broadcast(0f).blend(1f, yv.compare(VectorOperators.GT, 0f))).intoArray(g, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector gv = FloatVector.fromArray(S, g, i);
                    gv.mul(gv.broadcast(Nonlinearity.LEAKY_SLOPE).blend(1f, yv.compare(VectorOperators.GT, 0f)))
                            .intoArray(g, i);
                }
            }
            case LINEAR -> {
                return;
            }
        }
        for (; i < to; i++) {
            g[i] *= ScalarPointwise.derivative(f, y[i]);
        }
    }

    @Override
    public void shiftScale(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo) {
        int bound = S.loopBound(n);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, o + j).sub(FloatVector.fromArray(S, shift, j))
                        .mul(FloatVector.fromArray(S, scale, j)).intoArray(x, o + j);
            }
            for (; j < n; j++) {
                x[o + j] = (x[o + j] - shift[j]) * scale[j];
            }
        }
    }

    @Override
    public void unscaleShift(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo) {
        int bound = S.loopBound(n);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, o + j).div(FloatVector.fromArray(S, scale, j))
                        .add(FloatVector.fromArray(S, shift, j)).intoArray(x, o + j);
            }
            for (; j < n; j++) {
                x[o + j] = x[o + j] / scale[j] + shift[j];
            }
        }
    }
}
