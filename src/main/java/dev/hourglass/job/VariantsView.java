package dev.hourglass.job;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every variant the service trains, in the enum's order. */
@Schema(description = "Every variant, in a stable order")
public record VariantsView(List<VariantView> variants) {
}
