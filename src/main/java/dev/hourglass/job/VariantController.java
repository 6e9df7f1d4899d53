package dev.hourglass.job;

import java.util.Arrays;

import dev.hourglass.engine.spec.Variant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The variants and their defaults, for a training form to fill in: the defaults are {@link TrainingSpec#withDefaults()}
 * itself, so the form shows exactly what {@code POST /jobs} would run.
 */
@RestController
@RequestMapping(path = "/api/v1/variants", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Jobs")
class VariantController {

    private static final String EXAMPLE = """
            {"variants": [{"variant": "DENOISING",
              "description": "Reconstructs the clean input from a corrupted copy: masking noise zeroes each input \
            with probability level, Gaussian noise adds N(0, level²); the loss compares with the clean input. Needs a \
            noise block (default MASKING 0.3).",
              "defaults": {"datasetId": null, "name": null, "variant": "DENOISING", "encoder": [64], "decoder": null,
               "activation": "RELU", "codeActivation": "RELU", "outputActivation": "SIGMOID", "loss": "MSE",
               "tiedWeights": false, "weightDecay": 0.0, "normalization": "MINMAX",
               "noise": {"type": "MASKING", "level": 0.3}, "sparsity": null, "contractive": null, "variational": null,
               "stacked": null, "modalities": null, "multimodal": null,
               "anomaly": {"contamination": 0.01, "score": "MSE"},
               "training": {"epochs": 10, "batchSize": 128, "optimizer": "ADAM", "learningRate": 0.001,
                            "momentum": 0.9, "validationFraction": 0.1, "seed": 42, "threads": null,
                            "earlyStopping": null, "maxRuntimeSeconds": null}}}]}""";

    private static final VariantsView VARIANTS = new VariantsView(Arrays.stream(Variant.values())
            .map(v -> new VariantView(v, description(v), TrainingSpec.naming(v).withDefaults())).toList());

    @GetMapping
    @Operation(operationId = "listVariants", summary = "Every variant: what it trains and its defaults",
            description = "For each variant, in a stable order (BASIC, DENOISING, SPARSE, CONTRACTIVE, VARIATIONAL, "
                    + "STACKED, MULTIMODAL): a description and `defaults`, the spec POST /jobs runs for a request "
                    + "that names only that variant (its datasetId null), with the variant's own block filled in. "
                    + "MULTIMODAL's modalities have no default: a request must give them.")
    @ApiResponse(responseCode = "200", description = "The variants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = VariantsView.class),
            examples = @ExampleObject(name = "one of them", value = EXAMPLE)))
    VariantsView list() {
        return VARIANTS;
    }

    static String description(Variant variant) {
        return switch (variant) {
            case BASIC -> "An encoder to a code and a decoder back, trained to reconstruct its input; under- or "
                    + "overcomplete, any widths (an overcomplete code without a regularizing block can learn the "
                    + "identity, and the job warns).";
            case DENOISING -> "Reconstructs the clean input from a corrupted copy: masking noise zeroes each input "
                    + "with probability level, Gaussian noise adds N(0, level²); the loss compares with the clean "
                    + "input. Needs a noise block (default MASKING 0.3).";
            case SPARSE -> "Adds β Σ KL(ρ ‖ ρ̂) between a target activation ρ and each code unit's mean activation ρ̂ "
                    + "on a SIGMOID code, so that few units fire per row. Needs a sparsity block (default target "
                    + "0.05, weight 3).";
            case CONTRACTIVE -> "Adds λ‖J‖²_F, the squared Frobenius norm of the encoder's Jacobian, so that codes "
                    + "change little with small input changes; SIGMOID code. Needs a contractive block (default "
                    + "weight 1e-4, scope ENCODER).";
            case VARIATIONAL -> "A Gaussian latent: the encoder gives μ and log σ², z = μ + σ ⊙ ε is decoded, and a "
                    + "KL term to N(0, I) is added; encode answers μ and sample decodes draws from the prior. Needs "
                    + "a variational block (default latentDim 32, klWeight 1, BERNOULLI, 1 sample).";
            case STACKED -> "Greedy layer-wise pretraining, one phase per encoder layer on the previous layer's codes, "
                    + "then end-to-end fine-tuning for training.epochs. Needs a stacked block (default 5 epochs per "
                    + "layer, fine-tuning on).";
            case MULTIMODAL -> "Two or more modalities, each a block of the dataset's columns with its own encoder "
                    + "branch into one shared code; every modality is reconstructed, and training shows rows with "
                    + "one modality alone (default 2/3 of them). modalities [{name, columns, encoder}] are required "
                    + "and have no default.";
        };
    }
}
