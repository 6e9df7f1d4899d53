package dev.hourglass.engine.kernel;

/** Element-wise kernels. Ranges are half-open; row ranges index rows of an (m, n) matrix. */
interface PointwiseKernel {

    /** y(i, j) = f(y(i, j) + bias(j)) on the block rows [rowFrom, rowTo) × columns [colFrom, colTo) of y(m, n). */
    void biasActivate(float[] y, int n, float[] bias, Nonlinearity f, int rowFrom, int rowTo, int colFrom, int colTo);

    /** g[i] *= f'(z_i), written through y[i] = f(z_i), for i in [from, to). */
    void activationBackward(float[] g, float[] y, Nonlinearity f, int from, int to);

    /** x(i, j) = (x(i, j) − shift(j)) · scale(j) for rows [rowFrom, rowTo) of x(m, n). */
    void shiftScale(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo);

    /** x(i, j) = x(i, j) / scale(j) + shift(j): the inverse of {@link #shiftScale}. */
    void unscaleShift(float[] x, int n, float[] shift, float[] scale, int rowFrom, int rowTo);
}
