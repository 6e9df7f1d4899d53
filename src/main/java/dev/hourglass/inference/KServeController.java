package dev.hourglass.inference;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hourglass.inference.InferenceRequests.ScoreResult;
import dev.hourglass.inference.KServeMessages.InferRequest;
import dev.hourglass.inference.KServeMessages.InferResponse;
import dev.hourglass.inference.KServeMessages.ModelMetadata;
import dev.hourglass.inference.KServeMessages.ModelReady;
import dev.hourglass.inference.KServeMessages.Output;
import dev.hourglass.inference.KServeMessages.RequestInput;
import dev.hourglass.inference.KServeMessages.RequestOutput;
import dev.hourglass.inference.KServeMessages.ResponseOutput;
import dev.hourglass.inference.KServeMessages.ServerLive;
import dev.hourglass.inference.KServeMessages.ServerMetadata;
import dev.hourglass.inference.KServeMessages.ServerReady;
import dev.hourglass.inference.KServeMessages.TensorMetadata;
import dev.hourglass.inference.ServingProtocols.ErrorBody;
import dev.hourglass.inference.ServingProtocols.ProtocolException;
import dev.hourglass.model.LoadedModel;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol (KServe v2) over the inference service: health, server and model metadata,
 * model readiness, and infer with one input tensor {@code input} of shape [rows, columns] and the outputs
 * code, reconstruction, score, and for calibrated models is_anomaly and p_value. Models are named by id and
 * have no versions.
 */
@RestController
@RequestMapping("/v2")
@Tag(name = "KServe v2", description = "The Open Inference Protocol (KServe v2) REST API "
        + "(https://github.com/kserve/open-inference-protocol); errors are {\"error\": \"…\"}")
class KServeController {

    /** "<project>_<format>", as the protocol names platforms: models in Hourglass's own file format. */
    static final String PLATFORM = "hourglass_hgae";

    private final Inference inference;
    private final JsonMapper json;
    private final ApplicationAvailability availability;

    KServeController(Inference inference, JsonMapper json, ApplicationAvailability availability) {
        this.inference = inference;
        this.json = json;
        this.availability = availability;
    }

    @GetMapping
    @Operation(operationId = "kserveServerMetadata", summary = "Server metadata: name, version and protocol extensions (none)")
    @ApiResponse(responseCode = "200", description = "The server",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerMetadata.class),
                    examples = @ExampleObject(value = "{\"name\": \"hourglass\", \"version\": \"0.1.0\", \"extensions\": []}")))
    ServerMetadata server() {
        String version = KServeController.class.getPackage().getImplementationVersion();
        return new ServerMetadata("hourglass", version == null ? "development" : version, List.of());
    }

    /** The protocol's own OpenAPI file spells the server metadata path with a trailing slash. */
    @Hidden
    @GetMapping("/")
    ServerMetadata serverWithSlash() {
        return server();
    }

    @GetMapping("/health/live")
    @Operation(operationId = "kserveServerLive", summary = "Server live: 200 while the application is live, else 503")
    @ApiResponse(responseCode = "200", description = "Live",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerLive.class),
                    examples = @ExampleObject(value = "{\"live\": true}")))
    @ApiResponse(responseCode = "503", description = "Not live",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerLive.class)))
    ResponseEntity<ServerLive> live() {
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new ServerLive(live));
    }

    @GetMapping("/health/ready")
    @Operation(operationId = "kserveServerReady", summary = "Server ready: 200 while the node accepts traffic (any stored model can be served), "
            + "503 while it starts or drains")
    @ApiResponse(responseCode = "200", description = "Ready",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerReady.class),
                    examples = @ExampleObject(value = "{\"ready\": true}")))
    @ApiResponse(responseCode = "503", description = "Not ready",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerReady.class)))
    ResponseEntity<ServerReady> ready() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(new ServerReady(ready));
    }

    @GetMapping("/models/{id}")
    @Operation(operationId = "kserveModelMetadata", summary = "Model metadata: the input tensor and the output tensors with their datatypes and shapes")
    @ApiResponse(responseCode = "200", description = "The model's tensors",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ModelMetadata.class),
                    examples = @ExampleObject(value = "{\"name\": \"0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d\", \"platform\": \"hourglass_hgae\", "
                            + "\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [-1, 784]}], "
                            + "\"outputs\": [{\"name\": \"code\", \"datatype\": \"FP32\", \"shape\": [-1, 64]}, "
                            + "{\"name\": \"reconstruction\", \"datatype\": \"FP32\", \"shape\": [-1, 784]}, "
                            + "{\"name\": \"score\", \"datatype\": \"FP64\", \"shape\": [-1]}]}")))
    @ApiResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    ModelMetadata metadata(@PathVariable String id) {
        LoadedModel model = inference.model(ServingProtocols.modelId(id));
        return new ModelMetadata(model.id().toString(), PLATFORM,
                List.of(new TensorMetadata("input", model.table() == null ? "FP32" : "BYTES",
                        new long[] {-1, model.columns()})),
                Output.of(model).stream().map(o -> new TensorMetadata(o.tensor, o.datatype(model), o.shape(model, -1)))
                        .toList());
    }

    @GetMapping("/models/{id}/ready")
    @Operation(operationId = "kserveModelReady", summary = "Model ready: loads the model into this node's cache; 404 for an unknown model")
    @ApiResponse(responseCode = "200", description = "Ready",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ModelReady.class),
                    examples = @ExampleObject(value = "{\"name\": \"0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d\", \"ready\": true}")))
    @ApiResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    ModelReady modelReady(@PathVariable String id) {
        LoadedModel model = inference.model(ServingProtocols.modelId(id));
        return new ModelReady(model.id().toString(), true);
    }

    @PostMapping("/models/{id}/infer")
    @Operation(operationId = "kserveInfer", summary = "Infer: codes, reconstructions and anomaly scores of the rows in the input tensor",
            description = "One input tensor named input, datatype FP32 or FP64, shape [rows, columns], data "
                    + "row-major (flat, or nested as rows). Outputs: code, reconstruction (in the caller's units), "
                    + "score, and for calibrated models is_anomaly and p_value; all of them unless outputs names some. "
                    + "A model trained on a typed table takes datatype BYTES, its cells in column order: level names "
                    + "(or numbers) in categorical columns, numbers in numeric ones, null for a missing cell; its "
                    + "reconstruction is BYTES too, a categorical cell its most probable level; levels not seen in "
                    + "training are listed in the response's parameters.warnings.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = InferRequest.class), examples = {
                            @ExampleObject(name = "all outputs", value = "{\"id\": \"42\", \"inputs\": [{\"name\": "
                                    + "\"input\", \"shape\": [2, 3], \"datatype\": \"FP32\", "
                                    + "\"data\": [0.0, 12.0, 255.0, 3.0, 9.0, 250.0]}]}"),
                            @ExampleObject(name = "named outputs", value = "{\"inputs\": [{\"name\": \"input\", "
                                    + "\"shape\": [1, 3], \"datatype\": \"FP64\", \"data\": [[0.0, 12.0, 255.0]]}], "
                                    + "\"outputs\": [{\"name\": \"score\"}, {\"name\": \"is_anomaly\"}]}"),
                            @ExampleObject(name = "typed table", value = "{\"inputs\": [{\"name\": \"input\", "
                                    + "\"shape\": [1, 6], \"datatype\": \"BYTES\", "
                                    + "\"data\": [10.2, \"north\", null, 11.0, \"gold\", 9.5]}]}")})))
    @ApiResponse(responseCode = "200", description = "The requested output tensors",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InferResponse.class),
                    examples = @ExampleObject(value = "{\"model_name\": \"0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d\", \"id\": \"1\", \"outputs\": "
                            + "[{\"name\": \"code\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [0.41, 0.0, 1.27, 0.66]}, "
                            + "{\"name\": \"score\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [0.0412]}]}")))
    @ApiResponse(responseCode = "400", description = "Invalid request: input name, datatype or shape, a shape that "
            + "disagrees with the data, a NaN, an infinity or a non-number, a typed cell that cannot be read, a row "
            + "the model's float32 arithmetic overflows on, unknown outputs, malformed JSON",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "413", description = "More rows than hourglass.limits.max-inference-rows (or cells), "
            + "or a body over max-inference-body (or max-json-body, if smaller)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "415", description = "A Content-Type other than JSON",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    InferResponse infer(@PathVariable String id, HttpServletRequest request) {
        LoadedModel model = inference.model(ServingProtocols.modelId(id));
        InferRequest body = ServingProtocols.readBody(request, json, InferRequest.class);
        List<Output> outputs = requested(body.outputs(), model);
        Inference.Batch rows = rows(body.inputs(), model);
        int count = rows.count();
        // Each computation normalizes a plain batch's rows in place, hence the copies.
        float[][] codes = outputs.contains(Output.CODE) ? inference.encode(model, rows.copy()) : null;
        Object reconstructions = outputs.contains(Output.RECONSTRUCTION)
                ? inference.reconstruct(model, rows.copy(), false).reconstructions() : null;
        ScoreResult scores = outputs.stream().anyMatch(Output::scores)
                ? inference.score(model, "input", rows.copy()) : null;
        List<String> warnings = rows.warnings();
        return new InferResponse(model.id().toString(), body.id(), outputs.stream()
                .map(o -> new ResponseOutput(o.tensor, o.shape(model, count), o.datatype(model), switch (o) {
                    case CODE -> flat(codes);
                    case RECONSTRUCTION -> reconstructions instanceof float[][] numbers ? flat(numbers)
                            : flatCells((JsonNode) reconstructions);
                    case SCORE -> scores.scores();
                    case IS_ANOMALY -> scores.anomalies();
                    case P_VALUE -> scores.pValues();
                })).toList(), warnings == null ? null : Map.of("warnings", warnings));
    }

    /** The requested outputs, each once, in the order asked; all of the model's when none are named. */
    private static List<Output> requested(List<RequestOutput> requested, LoadedModel model) {
        List<Output> available = Output.of(model);
        if (requested == null || requested.isEmpty()) {
            return available;
        }
        Set<Output> outputs = new LinkedHashSet<>();
        for (RequestOutput r : requested) {
            String name = r == null ? null : r.name();
            outputs.add(available.stream().filter(o -> o.tensor.equals(name)).findFirst().orElseThrow(() ->
                    ProtocolException.badRequest("Unknown output '" + name + "'; this model's outputs are "
                            + available.stream().map(o -> o.tensor).collect(Collectors.joining(", "))
                            + (model.calibration() == null ? " (is_anomaly and p_value need a calibrated model)" : ""))));
        }
        return List.copyOf(outputs);
    }

    /** The rows of the one input tensor, its name, datatype and shape checked against the model and its data. */
    private Inference.Batch rows(List<RequestInput> inputs, LoadedModel model) {
        if (inputs == null || inputs.size() != 1 || inputs.get(0) == null) {
            throw ProtocolException.badRequest("inputs: this model takes one input tensor, named 'input'; got "
                    + (inputs == null ? 0 : inputs.size()));
        }
        RequestInput input = inputs.get(0);
        if (!"input".equals(input.name())) {
            throw ProtocolException.badRequest("Unknown input '" + input.name()
                    + "'; this model takes one input tensor, named 'input'");
        }
        boolean typed = model.table() != null;
        if ("BYTES".equals(input.datatype()) && !typed) {
            throw ProtocolException.badRequest("input: BYTES tensors are for models trained on typed tables (records "
                    + "with categorical columns or missing cells); this model takes its rows as numbers, datatype FP32 "
                    + "or FP64");
        }
        if (!"FP32".equals(input.datatype()) && !"FP64".equals(input.datatype()) && !"BYTES".equals(input.datatype())) {
            throw ProtocolException.badRequest("input: datatype '" + input.datatype() + "' is not supported; send "
                    + (typed ? "BYTES (or FP32 or FP64 for numbers only)" : "FP32 or FP64"));
        }
        long[] shape = input.shape();
        String shown = Arrays.toString(shape);
        if (shape == null || shape.length != 2) {
            throw ProtocolException.badRequest("input: shape " + shown + " must be [rows, columns]");
        }
        if (shape[1] != model.columns()) {
            throw ProtocolException.badRequest("input: shape " + shown + " has " + shape[1]
                    + " columns; this model takes " + model.columns());
        }
        if (shape[0] < 1) {
            throw ProtocolException.badRequest("input: shape " + shown + " needs at least one row");
        }
        Rows data = input.data();
        if (data == null || !data.isArray()) {
            throw ProtocolException.badRequest("input: data must be an array of numbers, row-major");
        }
        // The protocol allows the tensor's natural nesting or a flat row-major list.
        boolean nested = !data.isEmpty() && data.isArray(0);
        if (nested && data.size() != shape[0]) {
            throw ProtocolException.badRequest("input: shape " + shown + " disagrees with data: it holds "
                    + data.size() + " rows, not " + shape[0]);
        }
        if (!nested && (shape[0] > data.size() || data.size() != shape[0] * shape[1])) {
            throw ProtocolException.badRequest("input: shape " + shown + " disagrees with data: it holds "
                    + data.size() + " values, not " + shape[0] + " × " + shape[1]);
        }
        return nested ? inference.read(model, data, "input")
                : inference.readFlat(model, data, (int) shape[0], "input");
    }

    /** A typed model's rows (arrays of numbers and level names) as one row-major list of cells. */
    private static List<JsonNode> flatCells(JsonNode rows) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode row : rows) {
            row.forEach(out::add);
        }
        return out;
    }

    private static float[] flat(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, width);
        }
        return out;
    }

    /** Anything else under /v2 (versions, repository or other extensions) is a 404 in the protocol's shape. */
    @Hidden
    @RequestMapping(path = "/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    void unknown(HttpServletRequest request) {
        throw ProtocolException.notFound("No Open Inference Protocol endpoint " + request.getMethod() + " "
                + request.getRequestURI() + "; see /swagger-ui.html for the ones served");
    }
}
