package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.anomaly.TabularData;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * TF-Serving's REST predict API and the Open Inference Protocol (KServe v2) over HTTP, on a calibrated model of
 * 8 columns (code width 3): requests shaped as the two projects document them, answers checked field by field
 * and number for number against the native /api/v1 calls on the same rows, and every refusal in the protocols'
 * own {@code {"error": "…"}} shape, never problem+json and never a 500. The limits are lowered so that the
 * refusals for too many rows and too large a body are cheap to provoke.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hourglass.limits.max-inference-rows=100", "hourglass.limits.max-json-body=1MB"})
@ActiveProfiles("test")
class ServingProtocolHttpTests {

    private static final int ROWS = 1000;

    @LocalServerPort
    int port;

    Api api;
    static String model;
    static int modelPort;

    @BeforeEach
    void trained() {
        api = new Api(port);
        if (model != null && modelPort == port) {
            return;
        }
        Api.Response dataset = api.postJson("/api/v1/datasets", "{\"name\": \"factors\", \"columns\": "
                + "[\"c0\",\"c1\",\"c2\",\"c3\",\"c4\",\"c5\",\"c6\",\"c7\"], \"rows\": " + TabularData.json(TabularData.rows(ROWS, 11), 0, ROWS) + "}");
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [16, 3], "activation": "TANH", "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "anomaly": {"contamination": 0.05},
                 "training": {"epochs": 10, "batchSize": 64, "learningRate": 0.003, "seed": 3}}
                """.formatted(dataset.json().path("id").asString()));
        model = api.awaitSucceeded(job, Duration.ofMinutes(2)).path("modelId").asString();
        modelPort = port;
    }

    /** Four fresh rows, the last shifted far off the data so that it is flagged. */
    private static final String FRESH;

    static {
        float[] x = TabularData.rows(4, 77);
        x[3 * TabularData.COLUMNS + 2] += 40;
        FRESH = TabularData.json(x, 0, 4);
    }

    private static String flat(String nested) {
        return nested.replace("[[", "[").replace("]]", "]").replace("],[", ",");
    }

    private JsonNode nativeCall(String call, String body) {
        Api.Response response = api.postJson("/api/v1/models/" + model + "/" + call, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode flatten(JsonNode rows) {
        ArrayNode out = Api.JSON.createArrayNode();
        rows.forEach(row -> row.forEach(out::add));
        return out;
    }

    private Api.Response predict(String body) {
        return api.postJson("/v1/models/" + model + ":predict", body);
    }

    private Api.Response infer(String body) {
        return api.postJson("/v2/models/" + model + "/infer", body);
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    // TF-Serving, https://www.tensorflow.org/tfx/serving/api_rest#predict_api (tensorflow/serving,
    // tensorflow_serving/g3doc/api_rest.md). Request: {"signature_name": <string>, "instances": <value>|<(nested)list>
    // |<list-of-objects>} or {"inputs": …}; a row-format request is answered {"predictions": …}, and "if the model
    // outputs multiple named tensors, we output a list of objects instead"; a columnar one {"outputs": …}, an object
    // keyed by output name when there are several.

    @Test
    void tfServingPredictEncodesReconstructsAndScoresAsTheNativeApi() {
        JsonNode codes = nativeCall("encode", "{\"instances\": " + FRESH + "}").path("codes");
        JsonNode reconstructions = nativeCall("reconstruct", "{\"instances\": " + FRESH + "}").path("reconstructions");
        JsonNode scored = nativeCall("score", "{\"instances\": " + FRESH + "}");

        // {"instances": [[1, 2], [3, 4]]}: no signature_name, so the default signature, encode
        JsonNode encoded = ok(predict("{\"instances\": " + FRESH + "}"));
        assertThat(encoded.propertyNames()).containsExactly("predictions");
        assertThat(encoded.path("predictions")).isEqualTo(codes);
        assertThat(encoded.path("predictions").get(0).size()).isEqualTo(3);
        assertThat(ok(predict("{\"signature_name\": \"serving_default\", \"instances\": " + FRESH + "}")))
                .isEqualTo(encoded);
        assertThat(ok(predict("{\"signature_name\": \"encode\", \"instances\": " + FRESH + "}"))).isEqualTo(encoded);

        JsonNode reconstructed = ok(predict("{\"signature_name\": \"reconstruct\", \"instances\": " + FRESH + "}"));
        assertThat(reconstructed.propertyNames()).containsExactly("predictions");
        assertThat(reconstructed.path("predictions")).isEqualTo(reconstructions);

        // several named outputs: one object per row
        JsonNode predictions = ok(predict("{\"signature_name\": \"score\", \"instances\": " + FRESH + "}"))
                .path("predictions");
        assertThat(predictions.size()).isEqualTo(4);
        for (int r = 0; r < 4; r++) {
            JsonNode row = predictions.get(r);
            assertThat(row.propertyNames()).containsExactlyInAnyOrder("score", "is_anomaly", "p_value");
            assertThat(row.path("score")).isEqualTo(scored.path("scores").get(r));
            assertThat(row.path("is_anomaly")).isEqualTo(scored.path("anomalies").get(r));
            assertThat(row.path("p_value")).isEqualTo(scored.path("pValues").get(r));
        }
        assertThat(predictions.get(3).path("is_anomaly").asBoolean()).isTrue();
    }

    @Test
    void tfServingColumnarInputsAreAnsweredWithOutputs() {
        JsonNode codes = nativeCall("encode", "{\"instances\": " + FRESH + "}").path("codes");
        JsonNode scored = nativeCall("score", "{\"instances\": " + FRESH + "}");

        // {"inputs": <value>|<(nested)list>|<object>}: the one input tensor itself ...
        JsonNode encoded = ok(predict("{\"inputs\": " + FRESH + "}"));
        assertThat(encoded.propertyNames()).containsExactly("outputs");
        assertThat(encoded.path("outputs")).isEqualTo(codes);
        // ... or a map from input names to tensors, {"inputs": {"tag": [...], "signal": [...]}}
        assertThat(ok(predict("{\"inputs\": {\"input\": " + FRESH + "}}"))).isEqualTo(encoded);

        JsonNode outputs = ok(predict("{\"signature_name\": \"score\", \"inputs\": {\"input\": " + FRESH + "}}"))
                .path("outputs");
        assertThat(outputs.propertyNames()).containsExactlyInAnyOrder("score", "is_anomaly", "p_value");
        assertThat(outputs.path("score")).isEqualTo(scored.path("scores"));
        assertThat(outputs.path("is_anomaly")).isEqualTo(scored.path("anomalies"));
        assertThat(outputs.path("p_value")).isEqualTo(scored.path("pValues"));
    }

    @Test
    void tfServingReadsTheBodyAsJsonWhateverCurlDashDAndBareClientsDeclare() {
        // The documentation's own call: curl -d '{"instances": [1.0,2.0,5.0]}' -X POST .../v1/models/half_plus_three:predict,
        // which curl sends as application/x-www-form-urlencoded; TF-Serving reads the body as JSON regardless.
        JsonNode expected = ok(predict("{\"instances\": " + FRESH + "}"));
        byte[] body = ("{\"instances\": " + FRESH + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(ok(api.post("/v1/models/" + model + ":predict", "application/x-www-form-urlencoded", body)))
                .isEqualTo(expected);
        assertThat(ok(api.post("/v1/models/" + model + ":predict", "application/json; charset=utf-8", body)))
                .isEqualTo(expected);
    }

    // KServe v2 / Open Inference Protocol, https://github.com/kserve/open-inference-protocol
    // (specification/protocol/inference_rest.md) and kserve/kserve docs/predict-api/v2/required_api.md.
    // The documented request: {"id": "42", "inputs": [{"name": "input0", "shape": [2, 2], "datatype": "UINT32",
    // "data": [1, 2, 3, 4]}, …], "outputs": [{"name": "output0"}]}, answered {"model_name", "id": "42", "outputs":
    // [{"name": "output0", "shape": [3, 2], "datatype": "FP32", "data": [1.0, 1.1, 2.0, 2.1, 3.0, 3.1]}]}.

    @Test
    void kserveInferReturnsEveryOutputAsTheNativeApi() {
        JsonNode codes = nativeCall("encode", "{\"instances\": " + FRESH + "}").path("codes");
        JsonNode reconstructions = nativeCall("reconstruct", "{\"instances\": " + FRESH + "}").path("reconstructions");
        JsonNode scored = nativeCall("score", "{\"instances\": " + FRESH + "}");

        JsonNode response = ok(infer("""
                {"id": "42", "inputs": [{"name": "input", "shape": [4, 8], "datatype": "FP32", "data": %s}]}
                """.formatted(flat(FRESH))));
        assertThat(response.propertyNames()).containsExactlyInAnyOrder("model_name", "id", "outputs");
        assertThat(response.path("model_name").asString()).isEqualTo(model);
        assertThat(response.path("id").asString()).isEqualTo("42");
        JsonNode outputs = response.path("outputs");
        List<String> names = new ArrayList<>();
        outputs.forEach(o -> names.add(o.path("name").asString()));
        assertThat(names).containsExactly("code", "reconstruction", "score", "is_anomaly", "p_value");
        for (JsonNode o : outputs) {
            assertThat(o.propertyNames()).containsExactlyInAnyOrder("name", "shape", "datatype", "data");
        }
        assertTensor(outputs.get(0), "FP32", "[4,3]", flatten(codes));
        assertTensor(outputs.get(1), "FP32", "[4,8]", flatten(reconstructions));
        assertTensor(outputs.get(2), "FP64", "[4]", scored.path("scores"));
        assertTensor(outputs.get(3), "BOOL", "[4]", scored.path("anomalies"));
        assertTensor(outputs.get(4), "FP64", "[4]", scored.path("pValues"));
        assertThat(outputs.get(3).path("data").get(3).asBoolean()).isTrue();
    }

    @Test
    void kserveInferTakesNestedFp64DataAndReturnsTheRequestedOutputsInOrder() {
        JsonNode scored = nativeCall("score", "{\"instances\": " + FRESH + "}");

        // "data" : [ [ 1, 2 ], [ 4, 5 ] ] is the documented natural form of a 2-D tensor
        JsonNode response = ok(infer("""
                {"inputs": [{"name": "input", "shape": [4, 8], "datatype": "FP64", "data": %s}],
                 "outputs": [{"name": "p_value"}, {"name": "score"}]}
                """.formatted(FRESH)));
        assertThat(response.has("id")).as("no id asked, none echoed").isFalse();
        assertThat(response.path("outputs").size()).isEqualTo(2);
        assertTensor(response.path("outputs").get(0), "FP64", "[4]", scored.path("pValues"));
        assertTensor(response.path("outputs").get(1), "FP64", "[4]", scored.path("scores"));
    }

    private static void assertTensor(JsonNode tensor, String datatype, String shape, JsonNode data) {
        assertThat(tensor.path("datatype").asString()).isEqualTo(datatype);
        assertThat(tensor.path("shape").toString()).isEqualTo(shape);
        assertThat(tensor.path("data")).as(tensor.path("name").asString()).isEqualTo(data);
    }

    @Test
    void kserveHealthServerAndModelMetadataAndReadiness() {
        // 200 and {"live": $bool} / {"ready": $bool}; the Kubernetes probes read the status
        assertThat(ok(api.get("/v2/health/live")).toString()).isEqualTo("{\"live\":true}");
        assertThat(ok(api.get("/v2/health/ready")).toString()).isEqualTo("{\"ready\":true}");

        // $metadata_server_response = {"name": $string, "version": $string, "extensions": [$string, …]}
        JsonNode server = ok(api.get("/v2"));
        assertThat(server.path("name").asString()).isEqualTo("hourglass");
        assertThat(server.path("version").asString()).isNotBlank();
        assertThat(server.path("extensions").isArray()).isTrue();

        // $metadata_model_response = {"name", "versions" #optional, "platform", "inputs": [$metadata_tensor],
        // "outputs": [$metadata_tensor]} with $metadata_tensor = {"name", "datatype", "shape"}, -1 for variable sizes
        JsonNode metadata = ok(api.get("/v2/models/" + model));
        assertThat(metadata.propertyNames()).containsExactlyInAnyOrder("name", "platform", "inputs", "outputs");
        assertThat(metadata.path("name").asString()).isEqualTo(model);
        assertThat(metadata.path("platform").asString()).isEqualTo("hourglass_hgae");
        assertThat(metadata.path("inputs").toString())
                .isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,8]}]");
        assertThat(metadata.path("outputs").toString()).isEqualTo("[{\"name\":\"code\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                + "{\"name\":\"reconstruction\",\"datatype\":\"FP32\",\"shape\":[-1,8]},"
                + "{\"name\":\"score\",\"datatype\":\"FP64\",\"shape\":[-1]},"
                + "{\"name\":\"is_anomaly\",\"datatype\":\"BOOL\",\"shape\":[-1]},"
                + "{\"name\":\"p_value\",\"datatype\":\"FP64\",\"shape\":[-1]}]");

        // $ready_model_response = {"name": $string, "ready": $bool}
        assertThat(ok(api.get("/v2/models/" + model + "/ready")).toString())
                .isEqualTo("{\"name\":\"" + model + "\",\"ready\":true}");
    }

    /** A refusal in the protocols' shape: a 4xx, JSON, exactly {"error": "…"} mentioning {@code says}. */
    private static void assertError(Api.Response response, int status, String says) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.propertyNames()).as(response.body()).containsExactly("error");
        assertThat(body.path("error").asString()).containsIgnoringCase(says);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("dev.hourglass").doesNotContain("\tat ");
    }

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000009";

    @Test
    void tfServingRefusalsAreErrorObjects() {
        String one = "[[1, 2, 3, 4, 5, 6, 7, 8]]";
        assertError(api.postJson("/v1/models/" + UNKNOWN + ":predict", "{\"instances\": " + one + "}"), 404, UNKNOWN);
        assertError(api.postJson("/v1/models/half:predict", "{\"instances\": " + one + "}"), 404, "half");
        assertError(predict("{\"instances\": [[1, 2"), 400, "malformed");
        assertError(predict("[1, 2]"), 400, "JSON object");
        assertError(predict(""), 400, "");
        assertError(api.post("/v1/models/" + model + ":predict", "text/plain", "{\"instances\": [[1]]}".getBytes()),
                415, "Content-Type");
        assertError(predict("{\"signature_name\": \"classify\", \"instances\": " + one + "}"), 400, "classify");
        assertError(predict("{\"signature_name\": [\"score\"], \"instances\": " + one + "}"), 400, "signature_name");
        assertError(predict("{\"instances\": " + one + ", \"inputs\": " + one + "}"), 400, "not both");
        assertError(predict("{\"signature_name\": \"score\"}"), 400, "instances");
        assertError(predict("{\"inputs\": {\"x\": " + one + "}}"), 400, "input");
        assertError(predict("{\"instances\": [[1, 2, 3]]}"), 400, "instances[0] has 3 values; the model expects 8");
        assertError(predict("{\"instances\": [[1, 2, 3, 4, 5, 6, 7, NaN]]}"), 400, "instances[0][7] is NaN");
        assertError(predict("{\"instances\": [[1, 2, 3, 4, 5, 6, Infinity, 8]]}"), 400, "instances[0][6] is infinite");
        assertError(predict("{\"instances\": [[1, 2, 3, 4, 5, 6, 7, \"8\"]]}"), 400, "instances[0][7] is not a number");
        assertError(predict("{\"instances\": []}"), 400, "at least one row");
        assertError(predict("{\"instances\": " + TabularData.json(TabularData.rows(101, 5), 0, 101) + "}"), 413, "limit");
        assertError(api.get("/v1/models/" + model + ":predict"), 404, "POST /v1/models/{id}:predict");
        assertError(api.postJson("/v1/models/" + model + ":classify", "{\"examples\": []}"), 404, ":classify");
        assertError(api.get("/v1/models/" + model), 404, "no TF-Serving endpoint");
    }

    @Test
    void kserveRefusalsAreErrorObjects() {
        String tensor = "{\"name\": \"input\", \"shape\": %s, \"datatype\": \"%s\", \"data\": %s}";
        String good = "[1, 2, 3, 4, 5, 6, 7, 8]";
        assertError(api.get("/v2/models/" + UNKNOWN), 404, UNKNOWN);
        assertError(api.get("/v2/models/" + UNKNOWN + "/ready"), 404, UNKNOWN);
        assertError(api.postJson("/v2/models/" + UNKNOWN + "/infer", "{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", good)
                + "]}"), 404, UNKNOWN);
        assertError(api.get("/v2/models/mymodel"), 404, "mymodel");
        assertError(infer("{\"inputs\": ["), 400, "malformed");
        assertError(api.post("/v2/models/" + model + "/infer", "application/xml", "<inputs/>".getBytes()), 415,
                "Content-Type");
        assertError(api.post("/v2/models/" + model + "/infer", "application/octet-stream", new byte[] {1, 2}), 415,
                "Content-Type");
        // a shape that disagrees with the data, flat and nested
        assertError(infer("{\"inputs\": [" + tensor.formatted("[2, 8]", "FP32", good) + "]}"), 400,
                "shape [2, 8] disagrees with data: it holds 8 values");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[2, 8]", "FP32", "[" + good + "]") + "]}"), 400,
                "shape [2, 8] disagrees with data: it holds 1 rows");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", "[1, 2, 3]") + "]}"), 400,
                "disagrees with data");
        // widths
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 7]", "FP32", "[1, 2, 3, 4, 5, 6, 7]") + "]}"), 400,
                "this model takes 8");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", "[[1, 2, 3, 4, 5, 6, 7]]") + "]}"), 400,
                "input[0] has 7 values");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[8]", "FP32", good) + "]}"), 400, "[rows, columns]");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[0, 8]", "FP32", "[]") + "]}"), 400, "at least one row");
        // values
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", "[1, 2, 3, NaN, 5, 6, 7, 8]") + "]}"),
                400, "input[0][3] is NaN");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP64", "[1, 2, 3, 4, 5, 6, 7, -Infinity]")
                + "]}"), 400, "input[0][7] is infinite");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP64", "[1, 2, 3, 4, 5, 6, 7, 1e300]")
                + "]}"), 400, "beyond float range");
        // datatypes, names, outputs
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "BYTES", "[\"a\", \"b\"]") + "]}"), 400,
                "typed tables");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "UINT8", good) + "]}"), 400, "FP32 or FP64");
        assertError(infer("{\"inputs\": [{\"name\": \"input0\", \"shape\": [1, 8], \"datatype\": \"FP32\", \"data\": "
                + good + "}]}"), 400, "input0");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", good) + ", "
                + tensor.formatted("[1, 8]", "FP32", good) + "]}"), 400, "one input tensor");
        assertError(infer("{\"outputs\": [{\"name\": \"score\"}]}"), 400, "one input tensor");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[1, 8]", "FP32", good) + "], \"outputs\": "
                + "[{\"name\": \"output0\"}]}"), 400, "Unknown output 'output0'");
        assertError(infer("{\"inputs\": [" + tensor.formatted("[\"a\", 8]", "FP32", good) + "]}"), 400,
                "inputs[0].shape");
        // limits of the native calls
        assertError(infer("{\"inputs\": [" + tensor.formatted("[101, 8]", "FP32",
                flat(TabularData.json(TabularData.rows(101, 5), 0, 101))) + "]}"), 413, "limit");
        // paths and methods the protocol does not have here
        assertError(api.get("/v2/models/" + model + "/infer"), 404, "GET");
        assertError(api.get("/v2/models/" + model + "/versions/1"), 404, "versions");
        assertError(api.postJson("/v2/repository/index", "{}"), 404, "repository");
    }

    @Test
    void theRowBeyondTheLimitIsRefusedAsItBeginsTheRestOfTheBodyUnread() {
        // 101 rows (the limit is 100), then bytes that are no JSON: read whole first, the body would be malformed
        String rows = TabularData.json(TabularData.rows(101, 5), 0, 101);
        String cut = rows.substring(0, rows.length() - 1) + ", this is not JSON";
        String refusal = "has 101 rows or more; the limit per request is 100";
        assertError(predict("{\"instances\": " + cut), 413, "instances " + refusal);
        assertError(predict("{\"signature_name\": \"score\", \"inputs\": {\"input\": " + cut), 413,
                "inputs " + refusal);
        assertError(infer("{\"inputs\": [{\"name\": \"input\", \"shape\": [101, 8], \"datatype\": \"FP32\", "
                + "\"data\": " + cut), 413, "input " + refusal);
    }

    @Test
    void aBodyOverTheJsonLimitIsRefusedInTheProtocolsShape() throws Exception {
        String big = "{\"instances\": [" + "0.0,".repeat(300_000) + "0.0]}";   // about 1.2 MB, over the 1 MB limit
        // with a Content-Length: before it is read
        assertError(predict(big), 413, "hourglass.limits.max-json-body");
        assertError(infer(big), 413, "hourglass.limits.max-json-body");
        // chunked: when the reading passes the limit
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/models/" + model + ":predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
        assertThat(Api.JSON.readTree(chunked.body()).path("error").asString()).contains("hourglass.limits.max-json-body");
    }
}
