package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.kernel.ScalarMath.E0;
import static dev.hourglass.engine.kernel.ScalarMath.E1;
import static dev.hourglass.engine.kernel.ScalarMath.E2;
import static dev.hourglass.engine.kernel.ScalarMath.E3;
import static dev.hourglass.engine.kernel.ScalarMath.E4;
import static dev.hourglass.engine.kernel.ScalarMath.E5;
import static dev.hourglass.engine.kernel.ScalarMath.LN2_HI;
import static dev.hourglass.engine.kernel.ScalarMath.LN2_LO;
import static dev.hourglass.engine.kernel.ScalarMath.LOG2E;
import static dev.hourglass.engine.kernel.ScalarMath.MAX_EXP_ARG;
import static dev.hourglass.engine.kernel.ScalarMath.MIN_EXP_ARG;
import static dev.hourglass.engine.kernel.ScalarMath.ROUNDER;
import static dev.hourglass.engine.kernel.ScalarMath.ROUNDER_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Lane-wise twins of {@link ScalarMath}, the same operations in the same order. */
final class VectorMath {

    private VectorMath() {
    }

    static FloatVector exp(FloatVector x) {
        x = x.max(MIN_EXP_ARG).min(MAX_EXP_ARG);
        FloatVector t = x.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector scale = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        FloatVector r = n.fma(n.broadcast(-LN2_HI), x);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector p = r.fma(E0, E1);
        p = p.fma(r, p.broadcast(E2));
        p = p.fma(r, p.broadcast(E3));
        p = p.fma(r, p.broadcast(E4));
        p = p.fma(r, p.broadcast(E5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        return y.mul(scale);
    }

    static FloatVector sigmoid(FloatVector z) {
        return z.broadcast(1f).div(exp(z.neg()).add(1f));
    }

    static FloatVector tanh(FloatVector z) {
        FloatVector e = exp(z.abs().mul(-2f));
        FloatVector t = e.neg().add(1f).div(e.add(1f));
        return t.blend(t.neg(), z.compare(VectorOperators.LT, 0f));
    }

    static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector q = s2.fma(1f / 17f, 1f / 15f);
        q = q.fma(s2, q.broadcast(1f / 13f));
        q = q.fma(s2, q.broadcast(1f / 11f));
        q = q.fma(s2, q.broadcast(1f / 9f));
        q = q.fma(s2, q.broadcast(1f / 7f));
        q = q.fma(s2, q.broadcast(1f / 5f));
        q = q.fma(s2, q.broadcast(1f / 3f));
        q = q.fma(s2, q.broadcast(1f));
        return s.mul(2f).mul(q);
    }
}
