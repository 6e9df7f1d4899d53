package dev.hourglass.engine.kernel;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD reductions. Float lane sums are flushed to double every {@link #FLUSH} elements. */
final class VectorReduction implements ReductionKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int FLUSH = 64 * L;
    // Loss sums below use reduceLanes(ADD), whose lane order may differ between C2 and the interpreter:
    // a reported loss may then differ in its last bits between two identical runs. Weights never do;
    // no sum here feeds a gradient. Extracting lanes in a fixed order (lane(i), or a scratch array)
    // made the variants' training step allocate in some JIT states (VariantAllocationTests).

    @Override
    public void columnSums(float[] x, int m, int n, float[] s, boolean accumulate, int colFrom, int colTo) {
        if (!accumulate) {
            Arrays.fill(s, colFrom, colTo, 0f);
        }
        int bound = colFrom + S.loopBound(colTo - colFrom);
        for (int i = 0; i < m; i++) {
            int o = i * n;
            int j = colFrom;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, s, j).add(FloatVector.fromArray(S, x, o + j)).intoArray(s, j);
            }
            for (; j < colTo; j++) {
                s[j] += x[o + j];
            }
        }
    }

    @Override
    public double squaredError(float[] y, float[] t, float[] d, float scale, int from, int to) {
        double sum = 0;
        int i = from;
        int bound = from + S.loopBound(to - from);
        while (i < bound) {
            int end = Math.min(bound, i + FLUSH);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += L) {
                FloatVector e = FloatVector.fromArray(S, y, i).sub(FloatVector.fromArray(S, t, i));
                e.mul(scale).intoArray(d, i);
                acc = e.fma(e, acc);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            float e = y[i] - t[i];
            d[i] = scale * e;
            sum += e * e;
        }
        return sum;
    }

    @Override
    public double binaryCrossEntropyWithLogits(float[] z, float[] t, float[] d, float scale, int from, int to) {
        double sum = 0;
        int i = from;
        int bound = from + S.loopBound(to - from);
        while (i < bound) {
            int end = Math.min(bound, i + FLUSH);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += L) {
                FloatVector zv = FloatVector.fromArray(S, z, i);
                FloatVector tv = FloatVector.fromArray(S, t, i);
                FloatVector e = VectorMath.exp(zv.abs().neg());
                FloatVector onePlus = e.add(1f);
                FloatVector loss = zv.max(0f).sub(zv.mul(tv)).add(VectorMath.log1pUnit(e));
                acc = acc.add(loss);
                FloatVector sig = e.blend(1f, zv.compare(VectorOperators.GE, 0f)).div(onePlus);
                sig.sub(tv).mul(scale).intoArray(d, i);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            float zi = z[i];
            float e = ScalarMath.exp(-Math.abs(zi));
            sum += Math.max(zi, 0f) - zi * t[i] + ScalarMath.log1pUnit(e);
            d[i] = scale * (ScalarReduction.sigmoidFromExp(zi, e) - t[i]);
        }
        return sum;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        double sum = 0;
        int i = from;
        int bound = from + S.loopBound(to - from);
        while (i < bound) {
            int end = Math.min(bound, i + FLUSH);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                acc = v.fma(v, acc);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }
}
