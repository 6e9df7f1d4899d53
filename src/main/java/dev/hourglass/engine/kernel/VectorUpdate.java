package dev.hourglass.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** SIMD optimizer updates: the same operations as {@link ScalarUpdate}, in the same order. */
final class VectorUpdate implements UpdateKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ScalarUpdate TAIL = new ScalarUpdate();

    @Override
    public void sgd(float[] w, float[] g, float lr, float decay2, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector gv = FloatVector.fromArray(S, g, i).add(wv.mul(decay2));
            wv.sub(gv.mul(lr)).intoArray(w, i);
        }
        TAIL.sgd(w, g, lr, decay2, i, to);
    }

    @Override
    public void momentum(float[] w, float[] g, float[] buf, float lr, float mu, float decay2, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector gv = FloatVector.fromArray(S, g, i).add(wv.mul(decay2));
            FloatVector b = FloatVector.fromArray(S, buf, i).mul(mu).add(gv);
            b.intoArray(buf, i);
            wv.sub(b.mul(lr)).intoArray(w, i);
        }
        TAIL.momentum(w, g, buf, lr, mu, decay2, i, to);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float negStepSize, float beta1, float beta2,
                     float bc2Sqrt, float eps, float decay2, int from, int to) {
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector gv = FloatVector.fromArray(S, g, i).add(wv.mul(decay2));
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(c2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            wv.add(mv.div(denom).mul(negStepSize)).intoArray(w, i);
        }
        TAIL.adam(w, g, m, v, negStepSize, beta1, beta2, bc2Sqrt, eps, decay2, i, to);
    }
}
