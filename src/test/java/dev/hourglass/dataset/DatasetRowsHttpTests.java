package dev.hourglass.dataset;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mockingDetails;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.Invocation;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** The rows download on H2 (PostgreSQL mode), plus what needs a look inside: the ranges it reads and its refusals. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DatasetRowsHttpTests extends DatasetRowsFlow {

    @LocalServerPort
    int port;

    @MockitoSpyBean
    DatasetDataRanges ranges;

    @Override
    protected int port() {
        return port;
    }

    /** The lengths of the feature ranges read since the last clearInvocations. */
    List<Integer> featureReads() {
        return mockingDetails(ranges).getInvocations().stream()
                .filter(call -> call.getMethod().getName().equals("features"))
                .map(Invocation::getArguments).map(args -> (Integer) args[2]).toList();
    }

    @Test
    void readsTheFeaturesOneMebibyteOfWholeRowsPerQueryNeverTheWholeBlob() throws IOException {
        String id = uploadCsv("sixty.csv", sixtyThousandRows());
        clearInvocations(ranges);

        assertThat(csv(rows(id, "").body())).hasSize(60_001);

        // 60,000 rows × 32 bytes = 1,920,000 bytes; 1 MiB holds 32,768 whole rows: two queries.
        assertThat(featureReads()).containsExactly(32_768 * 32, (60_000 - 32_768) * 32);
        clearInvocations(ranges);
        assertThat(rows(id, "?format=json&offset=59990").json().path("rows").size()).isEqualTo(10);
        assertThat(featureReads()).containsExactly(10 * 32);
    }

    @Test
    void readsExactlyTheRangeAskedOfTheStoredBlob() {
        UUID id = UUID.fromString(uploadCsv("iris.csv", "sepal,species,petal\n5.1,setosa,1.4\n6.3,virginica,6.0\n",
                "labelColumn", "species"));

        // The stored features are 5.1, 1.4, 6.3, 6.0 as float32 little-endian: 16 bytes.
        assertThat(floats(ranges.features(id, 4, 8))).containsExactly(1.4f, 6.3f);
        assertThat(floats(ranges.features(id, 12, 100))).containsExactly(6.0f);
        assertThat(ranges.features(id, 16, 100)).isEmpty();
        assertThat(new String(ranges.labels(id, 1, 8), StandardCharsets.UTF_8)).isEqualTo("\"setosa\"");
        assertThatThrownBy(() -> ranges.features(UUID.randomUUID(), 0, 4)).isInstanceOf(EmptyResultDataAccessException.class);
    }

    static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    @Test
    void refusesUnknownDatasetsFormatsAndNegativeOrMalformedPaging() {
        Api api = api();
        String id = uploadCsv("one.csv", "a\n1\n");
        String rows = "/api/v1/datasets/" + id + "/rows";

        assertProblem(api.get("/api/v1/datasets/" + UUID.randomUUID() + "/rows"), 404, "not-found");
        assertProblem(api.get("/api/v1/datasets/not-a-uuid/rows"), 400, "invalid-parameter");
        Api.Response xml = api.get(rows + "?format=xml");
        assertProblem(xml, 400, "invalid-parameter");
        assertThat(xml.json().path("errors").get(0).path("field").asString()).isEqualTo("format");
        assertThat(xml.json().path("errors").get(0).path("reason").asString()).isEqualTo("\"xml\" is not one of csv, json");
        assertProblem(api.get(rows + "?format=idx"), 400, "invalid-parameter");
        Api.Response offset = api.get(rows + "?offset=-1");
        assertProblem(offset, 400, "invalid-parameter");
        assertThat(offset.json().path("errors").get(0).path("field").asString()).isEqualTo("offset");
        Api.Response limit = api.get(rows + "?limit=-1");
        assertProblem(limit, 400, "invalid-parameter");
        assertThat(limit.json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
        assertProblem(api.get(rows + "?offset=abc"), 400, "invalid-parameter");
        assertProblem(api.get(rows + "?limit=1.5"), 400, "invalid-parameter");
        assertProblem(api.get(rows + "?limit=99999999999999999999"), 400, "invalid-parameter");
    }

    @Test
    void aFailureHalfWayCutsTheResponseOffInsteadOfEndingItCleanly() {
        String id = uploadCsv("sixty.csv", sixtyThousandRows());
        doThrow(new IllegalStateException("the database went away"))
                .when(ranges).features(eq(UUID.fromString(id)), longThat(from -> from > 0), anyInt());

        // The first mebibyte of rows has been sent by then: a client must see a broken transfer, not a short file.
        assertThatThrownBy(() -> api().get("/api/v1/datasets/" + id + "/rows")).hasRootCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> api().get("/api/v1/datasets/" + id + "/rows?format=json")).hasRootCauseInstanceOf(IOException.class);
    }
}
