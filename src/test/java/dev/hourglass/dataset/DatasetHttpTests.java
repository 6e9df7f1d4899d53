package dev.hourglass.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** The dataset flow over real HTTP (Tomcat's multipart parsing included), on a fresh in-memory database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:dataset-http-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
class DatasetHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    Datasets datasets;

    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void uploadsTheFashionMnistFixtureReadsItLoadsItAndDeletesIt() {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ClassPathResource("fixtures/fmnist-2000.idx.gz"));
        form.add("name", "fmnist-2000");

        ResponseEntity<Map> created = http().post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(Map.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        Map<?, ?> body = created.getBody();
        String id = (String) body.get("id");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/datasets/" + id);
        assertThat(body.get("name")).isEqualTo("fmnist-2000");
        assertThat(body.get("format")).isEqualTo("idx");
        assertThat(body.get("rows")).isEqualTo(2000);
        assertThat(body.get("columns")).isEqualTo(784);
        assertThat((List<Object>) body.get("featureNames")).hasSize(784).startsWith("pixel0", "pixel1").endsWith("pixel783");
        assertThat(body.get("sha256")).isEqualTo("f22187ccdaf60ba8ba633c688ffdb32f5d0268e239d82877be5684d1661de7f9");
        assertThat(body.get("sizeBytes")).isEqualTo(862787);
        Map<?, ?> pixel400 = (Map<?, ?>) ((List<?>) body.get("stats")).get(400);
        // Golden values from the fixture README (computed with Python over the same 2,000 images).
        assertThat(pixel400.get("name")).isEqualTo("pixel400");
        assertThat(pixel400.get("min")).isEqualTo(0.0);
        assertThat(pixel400.get("max")).isEqualTo(255.0);
        assertThat((Double) pixel400.get("mean")).isCloseTo(103.805, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) pixel400.get("std")).isCloseTo(90.58277968245429, org.assertj.core.data.Offset.offset(1e-9));

        ResponseEntity<Map> read = http().get().uri(created.getHeaders().getLocation()).retrieve().toEntity(Map.class);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).isEqualTo(body);

        DatasetMatrix matrix = datasets.load(UUID.fromString(id));
        assertThat(matrix.rows()).isEqualTo(2000);
        assertThat(matrix.columns()).isEqualTo(784);
        assertThat(matrix.features()).hasSize(2000 * 784);
        float firstImage = 0;
        for (int i = 0; i < 784; i++) {
            firstImage += matrix.features()[i];
        }
        assertThat(firstImage).isEqualTo(76247f);

        ResponseEntity<Void> deleted = http().delete().uri("/api/v1/datasets/" + id).retrieve().toBodilessEntity();
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        ResponseEntity<Map> gone = http().get().uri("/api/v1/datasets/" + id).retrieve().toEntity(Map.class);
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(gone.getBody().get("type")).isEqualTo("https://hourglass.dev/problems/not-found");
    }

    @Test
    void answers400ForAMultipartBodyThatCannotBeParsed() {
        // The closing boundary is missing: Tomcat cannot parse the parts.
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\n1,2\n";

        ResponseEntity<Map> answer = http().post().uri("/api/v1/datasets")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz")).body(body)
                .retrieve().toEntity(Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().get("type")).isEqualTo("https://hourglass.dev/problems/malformed-request");
    }

    @Test
    void storesADatasetAsWideAsTheColumnLimitAllows() {
        // 100,000 columns (hourglass.limits.max-columns): the names and statistics alone are several MB of JSON.
        int columns = 100_000;
        StringBuilder row = new StringBuilder("{\"name\": \"wide\", \"rows\": [[0");
        for (int i = 1; i < columns; i++) {
            row.append(",").append(i);
        }
        row.append("]]}");

        ResponseEntity<Map> created = http().post().uri("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON)
                .body(row.toString()).retrieve().toEntity(Map.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        DatasetView view = datasets.get(UUID.fromString((String) created.getBody().get("id")));
        assertThat(view.columns()).isEqualTo(columns);
        assertThat(view.featureNames().get(columns - 1)).isEqualTo("col99999");
        assertThat(view.stats().get(columns - 1)).isEqualTo(new ColumnStats("col99999", 99999, 99999, 99999, 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesTheMultipartFormAndTheJsonBodyAsOneOperationInTheOpenApiDocument() {
        Map<String, Object> doc = http().get().uri("/v3/api-docs").retrieve().body(Map.class);

        Map<String, Object> post = (Map<String, Object>) at(doc, "paths", "/api/v1/datasets", "post");
        assertThat(post.get("operationId")).isEqualTo("createDataset");
        assertThat(post.get("parameters")).as("form fields are not query parameters").isNull();
        Map<String, Object> bodies = (Map<String, Object>) at(post, "requestBody", "content");
        assertThat(bodies).containsOnlyKeys("multipart/form-data", "application/json");
        assertThat(at(bodies, "multipart/form-data", "schema", "$ref")).isEqualTo("#/components/schemas/UploadDatasetForm");
        assertThat(at(bodies, "application/json", "examples", "xor", "value", "name")).isEqualTo("xor");
        assertThat((Map<String, Object>) at(post, "responses")).containsKeys("201", "400", "413", "422");

        Map<String, Object> form = (Map<String, Object>) at(doc, "components", "schemas", "UploadDatasetForm");
        assertThat(at(form, "properties", "file", "format")).isEqualTo("binary");
        assertThat(at(form, "properties", "format", "enum")).isEqualTo(List.of("csv", "json", "idx"));
        assertThat((List<String>) form.get("required")).containsExactly("file");
        assertThat(at(form, "properties", "schema", "type")).isEqualTo("string");
        assertThat(at(doc, "components", "schemas", "CreateDatasetRequest", "properties", "schema",
                "additionalProperties", "enum")).isEqualTo(List.of("NUMERIC", "CATEGORICAL", "IGNORE"));
        assertThat((Map<String, Object>) at(doc, "paths", "/api/v1/datasets/{id}")).containsOnlyKeys("get", "delete");
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        for (String key : path) {
            assertThat(node).as("parent of %s", key).isInstanceOf(Map.class);
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }
}
