package dev.hourglass.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD element-wise kernels; tails fall back to {@link ScalarPointwise}'s formulas. */
final class VectorPointwise implements PointwiseKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static FloatVector apply(Nonlinearity f, FloatVector z) {
        return switch (f) {
            case SIGMOID -> VectorMath.sigmoid(z);
            case TANH -> VectorMath.tanh(z);
            case RELU -> z.max(0f);
            case LEAKY_RELU -> z.blend(z.mul(Nonlinearity.LEAKY_SLOPE), z.compare(VectorOperators.LE, 0f));
            case LINEAR -> z;
        };
    }

    static FloatVector derivative(Nonlinearity f, FloatVector y) {
        return switch (f) {
            case SIGMOID -> y.mul(y.neg().add(1f));
            case TANH -> y.mul(y).neg().add(1f);
            case RELU -> y.broadcast(0f).blend(1f, y.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU -> y.broadcast(Nonlinearity.LEAKY_SLOPE).blend(1f, y.compare(VectorOperators.GT, 0f));
            case LINEAR -> y.broadcast(1f);
        };
    }

    @Override
    public void biasActivate(float[] y, int n, float[] bias, Nonlinearity f, int rowFrom, int rowTo) {
        int bound = S.loopBound(n);
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector z = FloatVector.fromArray(S, y, o + j).add(FloatVector.fromArray(S, bias, j));
                apply(f, z).intoArray(y, o + j);
            }
            for (; j < n; j++) {
                y[o + j] = ScalarPointwise.apply(f, y[o + j] + bias[j]);
            }
        }
    }

    @Override
    public void activationBackward(float[] g, float[] y, Nonlinearity f, int from, int to) {
        if (f == Nonlinearity.LINEAR) {
            return;
        }
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector d = derivative(f, FloatVector.fromArray(S, y, i));
            FloatVector.fromArray(S, g, i).mul(d).intoArray(g, i);
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
