package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the autoencoder variational: a linear head maps the last hidden layer to (μ | log σ²),
 * z = μ + σ ⊙ ε with ε ~ N(0, I), and the loss per row is reconstruction + klWeight · KL(q(z|x) ‖ N(0, I)).
 *
 * @param latentDim  width of z, ≥ 1
 * @param klWeight   β ≥ 0 in front of the KL term
 * @param likelihood how the decoder scores a row (see {@link Likelihood})
 * @param samples    draws of ε per row and batch, ≥ 1; the reconstruction term is their mean
 */
public record Variational(int latentDim, float klWeight, Likelihood likelihood, int samples) {

    /** Everything wrong with this block, by field ("latentDim", "klWeight", "likelihood", "samples"). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (latentDim < 1) {
            p.add(new Problem("latentDim", "must be at least 1, got " + latentDim));
        } else if (latentDim > Integer.MAX_VALUE / 2) {
            // the encoder's head is 2 × latentDim wide (μ | log σ²); beyond this its width wraps negative
            p.add(new Problem("latentDim", "must be at most " + Integer.MAX_VALUE / 2 + ", got " + latentDim));
        }
        if (!Problem.finiteAtLeastZero(klWeight)) {
            p.add(new Problem("klWeight", "must be a finite number ≥ 0, got " + klWeight));
        }
        if (likelihood == null) {
            p.add(new Problem("likelihood", "is required"));
        }
        if (samples < 1) {
            p.add(new Problem("samples", "must be at least 1, got " + samples));
        }
        return p;
    }
}
