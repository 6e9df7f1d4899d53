package dev.hourglass.engine.kernel;

/** Reference element-wise kernels. */
final class ScalarPointwise implements PointwiseKernel {

    static float apply(Nonlinearity f, float z) {
        return switch (f) {
            case SIGMOID -> ScalarMath.sigmoid(z);
            case TANH -> ScalarMath.tanh(z);
            case RELU -> Math.max(z, 0f);
            case LEAKY_RELU -> z > 0f ? z : Nonlinearity.LEAKY_SLOPE * z;
            case LINEAR -> z;
        };
    }

    static float derivative(Nonlinearity f, float y) {
        return switch (f) {
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case RELU -> y > 0f ? 1f : 0f;
            case LEAKY_RELU -> y > 0f ? 1f : Nonlinearity.LEAKY_SLOPE;
            case LINEAR -> 1f;
        };
    }

    @Override
    public void biasActivate(float[] y, int n, float[] bias, Nonlinearity f, int rowFrom, int rowTo, int colFrom,
                             int colTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = colFrom, o = i * n + colFrom; j < colTo; j++, o++) {
                y[o] = apply(f, y[o] + bias[j]);
            }
        }
    }

    @Override
    public void activationBackward(float[] g, float[] y, Nonlinearity f, int from, int to) {
        if (f == Nonlinearity.LINEAR) {
            return;
        }
        for (int i = from; i < to; i++) {
            g[i] *= derivative(f, y[i]);
        }
    }

    @Override
    public void shiftScale(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = 0, o = i * n; j < n; j++, o++) {
                x[o] = (x[o] - shift[j]) * scale[j];
            }
        }
    }

    @Override
    public void unscaleShift(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = 0, o = i * n; j < n; j++, o++) {
                x[o] = x[o] / scale[j] + shift[j];
            }
        }
    }
}
