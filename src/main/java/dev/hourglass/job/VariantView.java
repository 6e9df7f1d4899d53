package dev.hourglass.job;

import dev.hourglass.engine.spec.Variant;
import io.swagger.v3.oas.annotations.media.Schema;

/** One variant as a training form shows it: what it is, and the spec fields it defaults to. */
@Schema(description = "A variant, what it trains, and the defaulted spec of a request that names only it")
public record VariantView(
        Variant variant,
        @Schema(description = "What the variant trains and which blocks it needs") String description,
        @Schema(description = "POST /jobs's defaults for a spec naming only this variant (datasetId null): every "
                + "field a request leaves out takes this value; the variant's own block is filled in (MULTIMODAL's "
                + "modalities have no default and stay null)") TrainingSpec defaults) {
}
