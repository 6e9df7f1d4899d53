package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.DatasetDeleted;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import dev.hourglass.support.Api;
import dev.hourglass.support.TwoViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * Cross-modal retrieval over HTTP: both views of {@link TwoViewModel}'s rows uploaded as a dataset (its columns in
 * another order than the model's, with one more), queried from one view for the other; the dataset's codes are
 * computed once, and its deletion drops them (the next call is a 404). The model is served as a loaded one
 * (training a multimodal model through a job is another branch's work); everything else is the real service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MultimodalHttpTests {

    private static final int N = 100;
    private static final int WIDTH = TwoViewModel.LEFT + TwoViewModel.RIGHT;
    private static final float[] ROWS = TwoViewModel.rows(N, 99);
    private static final String MODEL = "/api/v1/models/" + TwoViewModel.ID;

    @LocalServerPort
    int port;

    @MockitoBean
    Models models;

    @MockitoSpyBean
    Datasets datasets;

    @MockitoSpyBean
    DatasetCodes codes;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
        LoadedModel model = TwoViewModel.get();
        given(models.load(TwoViewModel.ID)).willReturn(model);
    }

    /** Uploads {@link #ROWS} with the columns b0…b7, id, a0…a11 (or only a0…a11). */
    private String upload(boolean withRight) {
        List<String> columns = new ArrayList<>();
        if (withRight) {
            columns.addAll(TwoViewModel.columns().subList(TwoViewModel.LEFT, WIDTH));
            columns.add("id");
        }
        columns.addAll(TwoViewModel.columns().subList(0, TwoViewModel.LEFT));
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            List<String> cells = new ArrayList<>();
            if (withRight) {
                cells.add(numbers(r, TwoViewModel.LEFT, WIDTH));
                cells.add(String.valueOf(r));
            }
            cells.add(numbers(r, 0, TwoViewModel.LEFT));
            rows.add("[" + String.join(", ", cells) + "]");
        }
        Api.Response uploaded = api.postJson("/api/v1/datasets", "{\"name\": \"two-views\", \"columns\": "
                + Api.JSON.writeValueAsString(columns) + ", \"rows\": " + rows + "}");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    private static String numbers(int row, int from, int to) {
        String cells = Arrays.toString(Arrays.copyOfRange(ROWS, row * WIDTH + from, row * WIDTH + to));
        return cells.substring(1, cells.length() - 1);
    }

    private static String queries(int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < N; r++) {
            rows.add("[" + numbers(r, from, to) + "]");
        }
        return rows.toString();
    }

    private Api.Response nearest(String from, String rows, String to, String dataset) {
        return api.postJson(MODEL + "/nearest", "{\"from\": \"" + from + "\", \"rows\": " + rows + ", \"to\": \""
                + to + "\", \"datasetId\": \"" + dataset + "\", \"k\": 5}");
    }

    @Test
    void findsRowsByTheirOtherViewOnceComputedAndForgetsADeletedDataset() {
        String dataset = upload(true);

        Api.Response found = nearest("left", queries(0, TwoViewModel.LEFT), "right", dataset);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonNode neighbours = found.json().path("neighbours");
        assertThat(neighbours).hasSize(N);
        int first = 0;
        for (int q = 0; q < N; q++) {
            assertThat(neighbours.get(q)).hasSize(5);
            first += neighbours.get(q).get(0).path("row").intValue() == q ? 1 : 0;
        }
        assertThat(first).as("queries whose own row is nearest").isGreaterThanOrEqualTo(70);
        Api.Response reverse = nearest("right", queries(TwoViewModel.LEFT, WIDTH), "left", dataset);
        assertThat(reverse.status()).as(reverse.body()).isEqualTo(200);

        Api.Response again = nearest("left", queries(0, TwoViewModel.LEFT), "right", dataset);
        assertThat(again.json()).isEqualTo(found.json());
        verify(datasets, times(2)).load(UUID.fromString(dataset));   // once per modality searched

        assertThat(api.delete("/api/v1/datasets/" + dataset).status()).isEqualTo(204);
        verify(codes).on(new DatasetDeleted(UUID.fromString(dataset)));
        Api.Response gone = nearest("left", queries(0, TwoViewModel.LEFT), "right", dataset);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.problemType()).isEqualTo("not-found");
    }

    @Test
    void aDatasetWithoutTheTargetModalityIsRefusedNamingIt() {
        String dataset = upload(false);

        Api.Response refused = nearest("left", queries(0, TwoViewModel.LEFT), "right", dataset);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("invalid-nearest-request");
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("datasetId");
        assertThat(refused.json().path("detail").asString()).contains(dataset);
    }

    @Test
    void reconstructsOneViewFromTheOther() {
        Api.Response answer = api.postJson(MODEL + "/reconstruct", "{\"modalities\": {\"left\": [["
                + numbers(0, 0, TwoViewModel.LEFT) + "]]}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("reconstructions").path("right").get(0)).hasSize(TwoViewModel.RIGHT);
        assertThat(answer.json().path("modalityErrors").propertyNames()).containsExactly("left");
    }
}
