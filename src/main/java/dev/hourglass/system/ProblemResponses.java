package dev.hourglass.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The error answers of {@code /api/v1} in the OpenAPI document, written once rather than on every operation: the
 * {@code Problem} schema (RFC 9457 with {@code errors[]}), which every 4xx and 5xx answer of {@code /api/v1} carries
 * as {@code application/problem+json}, and the errors any operation of a kind can give, added where the operation
 * does not describe them itself (its own description, which names its slugs, is kept):
 * <ul>
 *   <li>a path or query parameter: 400 ({@code invalid-parameter}, e.g. a malformed UUID);</li>
 *   <li>an id in the path: 404 ({@code not-found});</li>
 *   <li>a request body: 400 ({@code malformed-request}), 413 ({@code request-too-large}), 415
 *       ({@code unsupported-media-type}) and 422 ({@code validation});</li>
 *   <li>every operation: 401 ({@code unauthorized}: no key, or an unknown or revoked one, in API_KEY mode), 429
 *       ({@code rate-limited}, with {@code Retry-After}; the per-key request rate limit, RateLimit) and 500
 *       ({@code internal});</li>
 *   <li>the admin API: 403 ({@code forbidden}: a USER key);</li>
 *   <li>an operation that stores or queues something: 429 ({@code quota-exceeded}, naming the tenant's quota);</li>
 *   <li>an operation that loads a model into the node's cache (tag {@code Inference}): 503 ({@code model-loading}).</li>
 * </ul>
 * Every operation but the serving protocols' health checks takes the API key (the {@code bearer} and
 * {@code apiKey} security schemes: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}).
 * The serving protocols ({@code /v1}, {@code /v2}) answer errors in their own shape, documented on their operations;
 * here they get the 500 any of them can give and, where the path names a model, the 503 of a model still loading.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String MEDIA_TYPE = "application/problem+json";
    /** The error body of the serving protocols (inference's ErrorBody): {"error": "…"}. */
    static final String PROTOCOL_ERROR = "ErrorBody";
    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    /** Operations that store bytes or queue a job, and so count against a tenant's quotas. */
    private static final java.util.Set<String> QUOTA_OPERATIONS = java.util.Set.of("createDataset", "submitJob",
            "submitTransform", "importModel");
    /** The tag of the /api/v1 operations that run a model, which inference's ModelCache loads first. */
    static final String INFERENCE_TAG = "Inference";
    private static final String MODEL_LOADING = "the model is still being loaded by another request on this node "
            + "after hourglass.inference.model-load-timeout; retry later";

    @Override
    public void customise(OpenAPI openApi) {
        arraysOfAnyJson(openApi);
        openApi.getComponents().addSchemas(FIELD_PROBLEM, new ObjectSchema()
                .description("One offending input: a field path (training.epochs, instances[3][17]) and why")
                .addProperty("field", new StringSchema().example("training.epochs"))
                .addProperty("reason", new StringSchema().example("must be between 1 and 100000"))
                .required(List.of("field", "reason")));
        openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                .description("An error (RFC 9457): type is https://hourglass.dev/problems/<slug>, and slugs are stable")
                .addProperty("type", new StringSchema().format("uri")
                        .example(ApiException.TYPE_BASE + "invalid-spec"))
                .addProperty("title", new StringSchema().example("Invalid training spec"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("training.epochs: must be between 1 and 100000"))
                .addProperty("instance", new StringSchema().format("uri-reference").example("/api/v1/jobs"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(FIELD_PROBLEM))
                        .description("The offending fields; empty when the problem is not about one"))
                .required(List.of("type", "title", "status", "errors")));
        openApi.getComponents()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key as 'Authorization: Bearer <key>' (API_KEY mode; OPEN mode needs none)"))
                .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key").description("The same key as 'X-API-Key: <key>'"));
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Operation operation : path.getValue().readOperations()) {
                if (!path.getKey().startsWith("/v2/health/")) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER),
                            new SecurityRequirement().addList(API_KEY)));
                }
                if (path.getKey().startsWith("/api/v1/")) {
                    complete(path.getKey(), operation);
                } else {
                    // The serving protocols' own shape, {"error": "…"}, for what escapes them too.
                    if (path.getKey().contains("{id}")) {
                        addProtocolError(operation.getResponses(), "503", MODEL_LOADING);
                    }
                    if (!path.getKey().startsWith("/v2/health/")) {
                        addProtocolError(operation.getResponses(), "401", "No API key, or an unknown or revoked one "
                                + "(API_KEY mode); answered with WWW-Authenticate: Bearer");
                    }
                    addProtocolError(operation.getResponses(), "500",
                            "An unexpected error; the body says only that it was logged");
                }
            }
        }
    }

    /**
     * A JsonNode field that holds rows ({@code @ArraySchema} on it) comes out of springdoc as an object with items:
     * it is an array (of rows in either form).
     */
    private static void arraysOfAnyJson(OpenAPI openApi) {
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            for (Schema<?> property : schema.getProperties().values()) {
                if (property.getItems() != null && !"array".equals(property.getType())
                        && (property.getTypes() == null || !property.getTypes().contains("array"))) {
                    property.setType("array");
                    property.setTypes(new java.util.LinkedHashSet<>(List.of("array")));
                }
            }
        }
    }

    private static void complete(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (body || parameters) {
            addIfAbsent(responses, "400", "invalid-parameter, malformed-request, missing-parameter: a parameter of the "
                    + "wrong type or out of range (a malformed UUID), a body that is not JSON, a missing part");
        }
        if (path.contains("{id}")) {
            addIfAbsent(responses, "404", "not-found: no such id, or another tenant's");
        }
        addIfAbsent(responses, "401", "unauthorized: no API key, or an unknown or revoked one (API_KEY mode); "
                + "answered with WWW-Authenticate: Bearer");
        if (path.startsWith("/api/v1/admin/")) {
            addIfAbsent(responses, "403", "forbidden: the key has the USER role; the admin API needs ADMIN");
        }
        if (QUOTA_OPERATIONS.contains(operation.getOperationId())) {
            ApiResponse tooMany = responses.get("429");
            String quota = "quota-exceeded: the caller's tenant is at a quota (stored-bytes, queued-jobs), named in "
                    + "errors[0].reason; with Retry-After";
            if (tooMany == null) {
                responses.addApiResponse("429", new ApiResponse().description(quota));
            } else {
                tooMany.setDescription(tooMany.getDescription() + "; " + quota);
            }
        }
        if (body) {
            addIfAbsent(responses, "413", "request-too-large: the body is over the configured cap");
            addIfAbsent(responses, "415", "unsupported-media-type: a Content-Type the operation does not take");
            addIfAbsent(responses, "422", "validation: a field of the wrong type or an unknown enum value");
        }
        if (operation.getTags() != null && operation.getTags().contains(INFERENCE_TAG)) {
            addIfAbsent(responses, "503", "model-loading: " + MODEL_LOADING);
        }
        rateLimited(responses);
        addIfAbsent(responses, "500", "internal: a bug; the body carries no stack trace, the log does");
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        responses.clear();
        for (Map.Entry<String, ApiResponse> response : sorted.entrySet()) {
            if (response.getKey().compareTo("400") >= 0) {
                asProblem(response.getValue());
            }
            responses.addApiResponse(response.getKey(), response.getValue());
        }
    }

    /** Every operation of /api/v1 is rate limited; one with a 429 of its own (queue-full) names both. */
    private static void rateLimited(ApiResponses responses) {
        String limited = "rate-limited: over the per-key request rate limit (hourglass.rate-limit)";
        ApiResponse response = responses.get("429");
        if (response == null) {
            response = new ApiResponse().description(limited);
            responses.addApiResponse("429", response);
        } else if (!response.getDescription().contains("rate-limited")) {
            response.setDescription(response.getDescription() + "; or " + limited);
        }
        response.addHeaderObject("Retry-After", new Header().description("Whole seconds to wait before retrying")
                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
    }

    private static void addProtocolError(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/json", new MediaType()
                            .schema(new Schema<>().$ref(PROTOCOL_ERROR)))));
        }
    }

    private static void addIfAbsent(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    /** The answer as application/problem+json with the Problem schema, keeping any examples it has. */
    private static void asProblem(ApiResponse response) {
        MediaType media = new MediaType();
        Content content = response.getContent();
        if (content != null) {
            for (MediaType given : content.values()) {
                if (given.getExamples() != null) {
                    media.setExamples(new LinkedHashMap<>(given.getExamples()));
                }
                if (given.getExample() != null) {
                    media.setExample(given.getExample());
                }
            }
        }
        media.setSchema(new Schema<>().$ref(PROBLEM));
        response.setContent(new Content().addMediaType(MEDIA_TYPE, media));
    }
}
