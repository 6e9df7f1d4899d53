package dev.hourglass.job;

import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.Variant;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /jobs} (DESIGN.md §3). Every field but {@code datasetId} has a default,
 * applied by {@link #withDefaults()}; the stored spec is always the defaulted one, so a job's view
 * shows exactly what ran.
 */
@Schema(description = "Training spec. Only datasetId is required; every other field has the documented default.")
public record TrainingSpec(
        @Schema(description = "Dataset to train on", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b") UUID datasetId,
        @Schema(description = "Free-form name", example = "fmnist-basic") String name,
        @Schema(description = "Autoencoder variant (default BASIC); it decides which blocks are required", example = "BASIC") Variant variant,
        @Schema(description = "Hidden widths of the encoder, the last being the code (default [64]); for MULTIMODAL the shared "
                + "encoder after the concatenated modality codes", example = "[256, 64]") List<Integer> encoder,
        @Schema(description = "Hidden widths of the decoder before the output layer (default: the encoder mirrored without the code)",
                nullable = true) List<Integer> decoder,
        @Schema(description = "Activation of the hidden layers (default RELU)", example = "RELU") Activation activation,
        @Schema(description = "Activation of the code layer (default: SIGMOID with a sparsity or contractive block, else "
                + "the hidden activation); not for VARIATIONAL, whose code is μ", example = "SIGMOID", nullable = true) Activation codeActivation,
        @Schema(description = "Activation of the output layer: SIGMOID or LINEAR (default SIGMOID)", example = "SIGMOID") Activation outputActivation,
        @Schema(description = "Reconstruction loss (default MSE); BCE needs a SIGMOID output and targets in [0,1]", example = "MSE") LossKind loss,
        @Schema(description = "Decoder uses the transposed encoder weights (default false)", example = "false") Boolean tiedWeights,
        @Schema(description = "λ of the penalty λ‖W‖² over weights, not biases (default 0)", example = "0.0") Double weightDecay,
        @Schema(description = "Input normalization fitted on the training rows (default MINMAX)", example = "MINMAX") Normalization normalization,
        @Schema(description = "Corruption of training inputs (denoising); required by DENOISING (default MASKING 0.3 there)", nullable = true) NoiseSpec noise,
        @Schema(description = "KL sparsity penalty on the code; required by SPARSE (default target 0.05, weight 3 there)", nullable = true) SparsitySpec sparsity,
        @Schema(description = "Contractive penalty λ‖J‖²_F; required by CONTRACTIVE (default weight 1e-4 there)", nullable = true) ContractiveSpec contractive,
        @Schema(description = "Gaussian latent (VARIATIONAL only; default latentDim 32, klWeight 1, BERNOULLI, 1 sample)", nullable = true) VariationalSpec variational,
        @Schema(description = "Greedy layer-wise pretraining (STACKED only; default 5 epochs per layer, fine-tuning on)", nullable = true) StackedSpec stacked,
        @Schema(description = "MULTIMODAL only: two or more modalities with disjoint columns; the network's input is their "
                + "columns one after another in this order (columns in no modality are not used)", nullable = true,
                example = "[{\"name\": \"left\", \"columns\": [\"0-13\", \"28-41\"], \"encoder\": [128]}, "
                        + "{\"name\": \"right\", \"columns\": [\"14-27\", \"42-55\"], \"encoder\": [128]}]")
        List<ModalitySpec> modalities,
        @Schema(description = "MULTIMODAL only: how rows are presented and aligned (default singleModalityFraction 2/3, "
                + "alignment 0)", nullable = true) MultimodalSpec multimodal,
        @Schema(description = "Anomaly scoring: after training the held-out rows are scored and the threshold set at "
                + "their 1 − contamination quantile (default contamination 0.01, score MSE)") AnomalySpec anomaly,
        @Schema(description = "Optimization settings") Training training) {

    @Schema(description = "MASKING zeroes each input with probability level (fresh per batch); GAUSSIAN adds N(0, level²). "
            + "The loss compares the output with the clean input; inference never corrupts.")
    public record NoiseSpec(
            @Schema(description = "MASKING or GAUSSIAN (default MASKING)", example = "MASKING") NoiseKind type,
            @Schema(description = "Masking probability in [0,1), or Gaussian σ ≥ 0 (default 0.3)", example = "0.3") Double level) {
    }

    @Schema(description = "β Σ KL(ρ ‖ ρ̂_l), ρ̂ the batch mean of each code unit; needs a SIGMOID code")
    public record SparsitySpec(
            @Schema(description = "ρ in (0,1) (default 0.05)", example = "0.05") Double target,
            @Schema(description = "β ≥ 0 (default 3.0)", example = "3.0") Double weight) {
    }

    @Schema(description = "λ‖J‖²_F averaged over the batch (whole encoder: exact for one layer, unbiased estimate deeper)")
    public record ContractiveSpec(
            @Schema(description = "λ ≥ 0 (default 1e-4)", example = "0.0001") Double weight,
            @Schema(description = "ENCODER: the whole encoder's Jacobian ∂h/∂x (default); CODE_LAYER: the code layer's "
                    + "Jacobian w.r.t. its own input, in closed form (as most deep-CAE code, PyTorch's reference included)",
                    example = "ENCODER") Contractive.Scope scope) {
    }

    @Schema(description = "Gaussian encoder (μ, log σ²) after the hidden widths of `encoder`; z = μ + σ ⊙ ε")
    public record VariationalSpec(
            @Schema(description = "Width of z (default 32)", example = "32") Integer latentDim,
            @Schema(description = "β of the KL term (default 1.0)", example = "1.0") Double klWeight,
            @Schema(description = "BERNOULLI (BCE, data in [0,1]) or GAUSSIAN (squared error / 2) (default BERNOULLI)",
                    example = "BERNOULLI") Likelihood likelihood,
            @Schema(description = "Draws of z per row and step (default 1)", example = "1") Integer samples) {
    }

    @Schema(description = "Phase i trains h(i−1) → h_i → h(i−1) on the codes of phase i−1, then optional end-to-end fine-tuning")
    public record StackedSpec(
            @Schema(description = "Epochs per layer-wise phase (default 5)", example = "5") Integer pretrainEpochs,
            @Schema(description = "Train end to end for training.epochs afterwards (default true)", example = "true") Boolean fineTune) {
    }

    @Schema(description = "One modality: a block of the dataset's columns with its own encoder branch (Ngiam et al. 2011)")
    public record ModalitySpec(
            @Schema(description = "Unique name; metrics and inference name the modality by it", example = "left") String name,
            @Schema(description = "Feature names, zero-based column indices (\"5\") or inclusive index ranges (\"0-13\"), "
                    + "in the order the network reads them; a string that is a feature name is that column",
                    example = "[\"0-13\", \"28-41\"]") List<String> columns,
            @Schema(description = "Widths of the modality's branch, the last being its code; every branch has the same "
                    + "depth", example = "[128]") List<Integer> encoder) {
    }

    @Schema(description = "Multimodal training: presentations of one modality alone and the CorrNet alignment term")
    public record MultimodalSpec(
            @Schema(description = "Share of training rows shown with one modality alone (chosen uniformly, the others "
                    + "zeroed), in [0, 1] (default 2/3)", example = "0.6666667") Double singleModalityFraction,
            @Schema(description = "λ ≥ 0 of −λ · mean_j corr(h_A, h_B) between the shared codes of each modality alone "
                    + "(default 0: off)", example = "0.0") Double alignment) {
    }

    @Schema(description = "How rows are scored as anomalies, and the share of held-out rows the stored threshold flags")
    public record AnomalySpec(
            @Schema(description = "Expected share of anomalies, in (0, 0.5] (default 0.01)", example = "0.01") Double contamination,
            @Schema(description = "MSE or MAE: the mean over a row's columns of the squared or absolute error; "
                    + "LOG_PROBABILITY (variational models): −(1/L) Σ log p(x | z_l), z_l ~ q(z|x) (default MSE)",
                    example = "MSE") AnomalyScore score) {
    }

    @Schema(description = "Optimization settings; every field is optional")
    public record Training(
            @Schema(description = "Passes over the training rows (default 10)", example = "10") Integer epochs,
            @Schema(description = "Rows per mini-batch (default 128)", example = "128") Integer batchSize,
            @Schema(description = "SGD, MOMENTUM or ADAM (default ADAM)", example = "ADAM") OptimizerKind optimizer,
            @Schema(description = "Step size (default 1e-3)", example = "0.001") Double learningRate,
            @Schema(description = "Momentum coefficient for MOMENTUM (default 0.9)", example = "0.9") Double momentum,
            @Schema(description = "Fraction of rows held out for validation (default 0.1)", example = "0.1") Double validationFraction,
            @Schema(description = "Seed of initialization, split and shuffles (default 42)", example = "42") Long seed,
            @Schema(description = "Compute threads for this job (default: the node's threads per job)", nullable = true) Integer threads,
            @Schema(description = "Stop when the validation loss stops improving (default: off)", nullable = true) EarlyStopping earlyStopping,
            @Schema(description = "Stop after this many seconds since the job first started; the model of the last "
                    + "completed epoch is published (default: no limit)", nullable = true, example = "3600") Long maxRuntimeSeconds) {
    }

    @Schema(description = "Early stopping on the validation loss; the best epoch's weights are the published model")
    public record EarlyStopping(
            @Schema(description = "Epochs without an improvement of at least minDelta before stopping (default 5)", example = "5") Integer patience,
            @Schema(description = "Smallest decrease of the validation loss that counts as an improvement (default 0)", example = "0.0") Double minDelta) {
    }

    static final List<Integer> DEFAULT_ENCODER = List.of(64);

    /** A spec that names only its variant: {@link #withDefaults()} of it is that variant's defaults, without a dataset. */
    static TrainingSpec naming(Variant variant) {
        return new TrainingSpec(null, null, variant, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** This spec with every absent field replaced by its documented default. */
    public TrainingSpec withDefaults() {
        Training t = training == null ? new Training(null, null, null, null, null, null, null, null, null, null) : training;
        EarlyStopping es = t.earlyStopping() == null ? null : new EarlyStopping(
                t.earlyStopping().patience() == null ? 5 : t.earlyStopping().patience(),
                t.earlyStopping().minDelta() == null ? 0.0 : t.earlyStopping().minDelta());
        Training tt = new Training(
                t.epochs() == null ? 10 : t.epochs(),
                t.batchSize() == null ? 128 : t.batchSize(),
                t.optimizer() == null ? OptimizerKind.ADAM : t.optimizer(),
                t.learningRate() == null ? 1e-3 : t.learningRate(),
                t.momentum() == null ? 0.9 : t.momentum(),
                t.validationFraction() == null ? 0.1 : t.validationFraction(),
                t.seed() == null ? 42L : t.seed(),
                t.threads(), es, t.maxRuntimeSeconds());
        Variant v = variant == null ? Variant.BASIC : variant;
        NoiseSpec n = noise == null && v == Variant.DENOISING ? new NoiseSpec(null, null) : noise;
        SparsitySpec sp = sparsity == null && v == Variant.SPARSE ? new SparsitySpec(null, null) : sparsity;
        ContractiveSpec c = contractive == null && v == Variant.CONTRACTIVE ? new ContractiveSpec(null, null) : contractive;
        VariationalSpec va = variational == null && v == Variant.VARIATIONAL ? new VariationalSpec(null, null, null, null) : variational;
        StackedSpec st = stacked == null && v == Variant.STACKED ? new StackedSpec(null, null) : stacked;
        MultimodalSpec mm = multimodal == null && v == Variant.MULTIMODAL ? new MultimodalSpec(null, null) : multimodal;
        return new TrainingSpec(datasetId, name, v,
                encoder == null ? DEFAULT_ENCODER : encoder,
                decoder,
                activation == null ? Activation.RELU : activation,
                // KL sparsity needs code activations in (0,1); the contractive autoencoder of the seed has a sigmoid code.
                codeActivation != null ? codeActivation : va != null ? null
                        : sp != null || c != null ? Activation.SIGMOID : activation == null ? Activation.RELU : activation,
                outputActivation == null ? Activation.SIGMOID : outputActivation,
                loss == null ? LossKind.MSE : loss,
                tiedWeights != null && tiedWeights,
                weightDecay == null ? 0.0 : weightDecay,
                normalization == null ? Normalization.MINMAX : normalization,
                n == null ? null : new NoiseSpec(n.type() == null ? NoiseKind.MASKING : n.type(),
                        n.level() == null ? (n.type() == NoiseKind.GAUSSIAN ? 0.1 : 0.3) : n.level()),
                sp == null ? null : new SparsitySpec(sp.target() == null ? 0.05 : sp.target(),
                        sp.weight() == null ? 3.0 : sp.weight()),
                c == null ? null : new ContractiveSpec(c.weight() == null ? 1e-4 : c.weight(),
                        c.scope() == null ? Contractive.Scope.ENCODER : c.scope()),
                va == null ? null : new VariationalSpec(va.latentDim() == null ? 32 : va.latentDim(),
                        va.klWeight() == null ? 1.0 : va.klWeight(),
                        va.likelihood() == null ? Likelihood.BERNOULLI : va.likelihood(),
                        va.samples() == null ? 1 : va.samples()),
                st == null ? null : new StackedSpec(st.pretrainEpochs() == null ? 5 : st.pretrainEpochs(),
                        st.fineTune() == null || st.fineTune()),
                modalities,
                mm == null ? null : new MultimodalSpec(mm.singleModalityFraction() == null
                        ? (double) Multimodal.DEFAULT_SINGLE_FRACTION : mm.singleModalityFraction(),
                        mm.alignment() == null ? 0.0 : mm.alignment()),
                new AnomalySpec(anomaly == null || anomaly.contamination() == null ? Anomaly.DEFAULT_CONTAMINATION
                        : anomaly.contamination(), anomaly == null || anomaly.score() == null ? AnomalyScore.MSE
                        : anomaly.score()),
                tt);
    }

    /** True when a block keeps an overcomplete code from learning the identity. */
    boolean isRegularized() {
        return noise != null || sparsity != null || contractive != null || variational != null;
    }

}
