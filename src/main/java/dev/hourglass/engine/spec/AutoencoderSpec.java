package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.layer.Activation;

/**
 * Everything the engine needs to train an autoencoder, besides the data: the headline, the network's
 * shape, how to train it, how to normalize its inputs and how to calibrate its anomaly scores (null:
 * not at all). {@link #problems} is the one place that decides which of these the engine trains.
 */
public record AutoencoderSpec(Variant variant, ArchitectureSpec architecture, TrainingConfig training,
                              Normalization normalization, Anomaly anomaly) {

    /** A spec without anomaly calibration. */
    public AutoencoderSpec(Variant variant, ArchitectureSpec architecture, TrainingConfig training,
                           Normalization normalization) {
        this(variant, architecture, training, normalization, null);
    }

    /**
     * Everything wrong with this spec, by engine path ("variant", "normalization", "architecture.…",
     * "training.…"), on data of the given profile (null: the data rules are skipped). Empty when the
     * engine will train it.
     */
    public List<Problem> problems(DataProfile data) {
        List<Problem> p = new ArrayList<>();
        if (variant == null) {
            p.add(new Problem("variant", "is required"));
        }
        if (normalization == null) {
            p.add(new Problem("normalization", "is required"));
        }
        List<Problem> shape = architecture.problems();
        p.addAll(Problem.under("architecture", shape));
        p.addAll(Problem.under("training", training.problems()));
        if (anomaly != null) {
            p.addAll(Problem.under("anomaly", anomaly.problems()));
            if (anomaly.score() == AnomalyScore.LOG_PROBABILITY && !architecture.isVariational()) {
                p.add(new Problem("anomaly.score", "LOG_PROBABILITY needs a variational model (its likelihood of a row)"));
            }
        }
        if (complete()) {
            if (variant != null) {
                p.addAll(variant.problems(architecture, training));
            }
            p.addAll(combinationProblems(architecture, training));
            p.addAll(outputProblems());
            if (data != null) {
                p.addAll(dataProblems(data, shape.isEmpty()));
            }
        }
        return p;
    }

    /** Whether every setting the rules between fields read is there (values may still be out of range). */
    private boolean complete() {
        return architecture.encoder().length > 0 && architecture.activation() != null
                && architecture.outputActivation() != null && training.loss() != null
                && (architecture.variational() == null || architecture.variational().likelihood() != null);
    }

    /**
     * What the terms and the plan do not cover for this network, by engine path: the rules a trainer
     * checks for any network and settings that are valid on their own.
     */
    public static List<Problem> combinationProblems(ArchitectureSpec a, TrainingConfig t) {
        List<Problem> p = new ArrayList<>();
        boolean vae = a.isVariational();
        if (vae && a.variational().likelihood() == Likelihood.BERNOULLI && a.outputActivation() != Activation.SIGMOID) {
            p.add(new Problem("architecture.outputActivation", "a BERNOULLI likelihood needs a SIGMOID output activation, got "
                    + a.outputActivation()));
        }
        if (!vae && t.loss() == LossKind.BCE && a.outputActivation() != Activation.SIGMOID) {
            p.add(new Problem("training.loss", "BCE needs a SIGMOID output activation, got " + a.outputActivation()));
        }
        Regularization r = t.regularization();
        if (r.sparsity() != null) {
            if (vae) {
                p.add(new Problem("training.sparsity", "the sparsity penalty needs a SIGMOID code layer; a variational "
                        + "latent is Gaussian"));
            } else if (a.codeActivation() != Activation.SIGMOID) {
                p.add(new Problem("architecture.codeActivation", "the sparsity penalty needs code activations in (0, 1): "
                        + "codeActivation must be SIGMOID, got " + a.codeActivation()));
            } else if (t.stacking() != null && a.encoder().length > 1 && a.activation() != Activation.SIGMOID) {
                p.add(new Problem("architecture.activation", "stacked with sparsity: every layer-wise phase penalizes "
                        + "its own code, so every hidden layer must be SIGMOID, got " + a.activation()));
            }
        }
        if (r.contractive() != null && vae) {
            p.add(new Problem("training.contractive", "the contractive penalty does not apply to a variational autoencoder"));
        }
        if (t.stacking() != null) {
            if (vae) {
                p.add(new Problem("training.stacking", "stacking does not apply to a variational autoencoder"));
            } else if (a.decoder() != null && !Arrays.equals(a.decoder(), a.mirroredDecoder())) {
                p.add(new Problem("architecture.decoder", "stacking needs the mirrored decoder "
                        + Arrays.toString(a.mirroredDecoder()) + ", got " + Arrays.toString(a.decoder())));
            }
        }
        return p;
    }

    /** The model's output is what the reconstruction terms score: a probability or an unbounded value. */
    private List<Problem> outputProblems() {
        List<Problem> p = new ArrayList<>();
        Activation out = architecture.outputActivation();
        if (out != Activation.SIGMOID && out != Activation.LINEAR) {
            p.add(new Problem("architecture.outputActivation", "must be SIGMOID or LINEAR, got " + out));
        } else if (out == Activation.SIGMOID && normalization == Normalization.ZSCORE) {
            p.add(new Problem("architecture.outputActivation",
                    "a SIGMOID output cannot reach z-scored targets outside (0,1); use LINEAR or MINMAX normalization"));
        }
        return p;
    }

    /** @param validShape whether the network's shape has no problems, so its sizes can be computed */
    private List<Problem> dataProblems(DataProfile data, boolean validShape) {
        List<Problem> p = new ArrayList<>();
        if (data.columns() != architecture.inputDim()) {
            p.add(new Problem("architecture.inputDim", "the data has " + data.columns() + " columns, the network "
                    + architecture.inputDim() + " inputs"));
        }
        if (data.rows() - Math.round(training.validationFraction() * data.rows()) < 1) {
            p.add(new Problem("training.validationFraction", "leaves no training rows in a dataset of " + data.rows()));
        }
        unitIntervalProblem(data).ifPresent(p::add);
        if (validShape) {
            p.addAll(arraySizeProblems(data.rows()));
        }
        return p;
    }

    /** BCE and the Bernoulli likelihood score targets in [0, 1]. */
    private java.util.Optional<Problem> unitIntervalProblem(DataProfile data) {
        boolean vae = architecture.isVariational();
        if (vae ? architecture.variational().likelihood() != Likelihood.BERNOULLI : training.loss() != LossKind.BCE) {
            return java.util.Optional.empty();
        }
        String field = vae ? "architecture.variational.likelihood" : "training.loss";
        String what = vae ? "a BERNOULLI likelihood" : "BCE";
        if (normalization == Normalization.ZSCORE) {
            return java.util.Optional.of(new Problem(field, what
                    + " needs targets in [0,1]; ZSCORE normalization does not give them (use MINMAX)"));
        }
        if (normalization == Normalization.NONE && !data.withinUnitInterval()) {
            return java.util.Optional.of(new Problem(field, what
                    + " needs targets in [0,1]; this dataset has values outside it (use MINMAX)"));
        }
        return java.util.Optional.empty();
    }

    /** The engine indexes one float[] per activation matrix: no matrix may hold 2³¹ values or more. */
    private List<Problem> arraySizeProblems(int rows) {
        List<Problem> p = new ArrayList<>();
        long samples = samples();
        long widest = architecture.widest();
        int batch = Math.min(training.batchSize(), rows);
        if ((long) batch * samples * widest >= Integer.MAX_VALUE) {
            p.add(new Problem("training.batchSize", "batch × samples × widest layer (" + batch + " × " + samples
                    + " × " + widest + ") must stay below 2³¹ values"));
        }
        if (training.stacking() != null && (long) rows * widestEncoderLayer() >= Integer.MAX_VALUE) {
            p.add(new Problem("architecture.encoder", "stacking keeps every row's codes of a layer (" + rows + " × "
                    + widestEncoderLayer() + "); that must stay below 2³¹ values"));
        }
        return p;
    }

    private long samples() {
        return architecture.isVariational() ? architecture.variational().samples() : 1;
    }

    private int widestEncoderLayer() {
        return Arrays.stream(architecture.encoder()).max().orElse(1);
    }

    /**
     * A conservative estimate of a run's working set on {@code rows} rows: the data and its normalized
     * copy, every parameter six times (value, gradient, two Adam moments, checkpoint copies), one
     * batch's activations and gradients for every layer (a VAE decodes every draw of z), and for
     * stacking every row's codes of the widest layer. Only for a spec without {@link #problems}.
     */
    public long estimatedTrainingBytes(int rows) {
        int columns = architecture.inputDim();
        long data = 2L * rows * columns * Float.BYTES;
        long parameters = architecture.parameterCount() * Float.BYTES * 6L;
        long widths = 2L * columns + Arrays.stream(architecture.encoder()).asLongStream().sum()
                + Arrays.stream(architecture.resolvedDecoder()).asLongStream().sum();
        long activations = 3L * training.batchSize() * widths * samples() * Float.BYTES;
        long codes = training.stacking() == null ? 0 : (long) rows * widestEncoderLayer() * Float.BYTES;
        return data + parameters + activations + codes;
    }
}
