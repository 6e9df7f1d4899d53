package dev.hourglass.inference;

import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.ProjectionResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/models/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inference")
class ProjectionController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final String EXAMPLE = """
            {"datasetId": "0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11", "rows": [0, 2, 4],
             "points": [[-1.52, 0.31], [0.87, -0.05], [0.65, -0.26]], "explainedVariance": [0.71, 0.18],
             "labels": ["3", "7", "3"]}""";

    private static final String DESCRIPTION = """
            The model's codes of up to `limit` rows of a stored dataset (default: the model's training dataset), \
            sampled evenly (row ⌊i·n/m⌋ for i < m = min(limit, n), ascending), projected onto the codes' first two \
            principal components: the codes are centered, the components are the covariance's two leading \
            eigenvectors (in double precision), each with its largest coefficient in absolute value positive so \
            that the same rows always give the same map. `explainedVariance` is each component's share of the \
            codes' total variance. A variational model's code is its mean μ, as `encode` answers; a code of width 1 \
            gives y = 0. `labels` come with a dataset that has a label column.

            The dataset is read as a transform reads it: a plain or typed model takes the dataset's columns by \
            position (as many, of the same types, not the model's own names in another order), a typed model's \
            levels by name; a multimodal model takes its modalities' columns by name, numeric and complete.""";

    private final Projection projection;

    ProjectionController(Projection projection) {
        this.projection = projection;
    }

    @GetMapping("/projection")
    @Operation(operationId = "getProjection", summary = "A 2-D map of the model's codes of a dataset's rows: their first "
            + "two principal components", description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The sampled rows, their points and the variance shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProjectionResult.class),
                    examples = @ExampleObject(name = "labelled", value = EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "`datasetId` not a UUID or `limit` not an integer "
            + "(`invalid-parameter`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such model or dataset (`not-found`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "422", description = "`invalid-projection-request`: `limit` outside 2..10000 "
            + "(errors[] names `limit`); no `datasetId` for an imported model, which has no training dataset, or a "
            + "dataset the model cannot read: another column count, other column types, the model's columns in "
            + "another order, a multimodal model's column missing, categorical or with missing cells, or a row "
            + "without a finite code (errors[] names `datasetId`)",
            content = @Content(mediaType = PROBLEM))
    ProjectionResult projection(@Parameter(description = "Model id") @PathVariable UUID id,
            @Parameter(description = "The dataset to project; default: the model's training dataset")
            @RequestParam(required = false) UUID datasetId,
            @Parameter(description = "Most rows to sample, 2 to 10000", example = "2000")
            @RequestParam(defaultValue = "" + Projection.DEFAULT_LIMIT) int limit) {
        return projection.project(id, datasetId, limit);
    }
}
