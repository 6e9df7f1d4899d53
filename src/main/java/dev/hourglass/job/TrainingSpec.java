package dev.hourglass.job;

import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.loss.LossKind;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.train.Normalizer;
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
        @Schema(description = "Autoencoder variant (default BASIC); only BASIC is available so far", example = "BASIC") Variant variant,
        @Schema(description = "Hidden widths of the encoder, the last being the code (default [64])", example = "[256, 64]") List<Integer> encoder,
        @Schema(description = "Hidden widths of the decoder before the output layer (default: the encoder mirrored without the code)",
                nullable = true) List<Integer> decoder,
        @Schema(description = "Activation of every hidden layer, code included (default RELU)", example = "RELU") Activation activation,
        @Schema(description = "Activation of the output layer: SIGMOID or LINEAR (default SIGMOID)", example = "SIGMOID") Activation outputActivation,
        @Schema(description = "Reconstruction loss (default MSE); BCE needs a SIGMOID output and targets in [0,1]", example = "MSE") LossKind loss,
        @Schema(description = "Decoder uses the transposed encoder weights (default false)", example = "false") Boolean tiedWeights,
        @Schema(description = "λ of the penalty λ‖W‖² over weights, not biases (default 0)", example = "0.0") Double weightDecay,
        @Schema(description = "Input normalization fitted on the training rows (default MINMAX)", example = "MINMAX") Normalizer.Kind normalization,
        @Schema(description = "Optimization settings") Training training) {

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
        return new TrainingSpec(datasetId, name,
                variant == null ? Variant.BASIC : variant,
                encoder == null ? DEFAULT_ENCODER : encoder,
                decoder,
                activation == null ? Activation.RELU : activation,
                outputActivation == null ? Activation.SIGMOID : outputActivation,
                loss == null ? LossKind.MSE : loss,
                tiedWeights != null && tiedWeights,
                weightDecay == null ? 0.0 : weightDecay,
                normalization == null ? Normalizer.Kind.MINMAX : normalization,
                tt);
    }
}
