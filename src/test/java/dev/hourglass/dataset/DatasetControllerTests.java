package dev.hourglass.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** The HTTP contract of /api/v1/datasets: statuses, bodies, Location, and the problem+json types. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:dataset-controller-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "hourglass.limits.max-rows=50"})
@AutoConfigureMockMvc
@Import(DatasetControllerTests.TestBeans.class)
class DatasetControllerTests {

    static final String PROBLEMS = "https://hourglass.dev/problems/";
    static final String XOR = "{\"name\": \"xor\", \"columns\": [\"a\", \"b\"], \"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}";

    @TestConfiguration
    static class TestBeans {

        /** Each reading of the clock is one second after the previous one, so "newest first" is well defined. */
        @Bean
        @Primary
        Clock tickingClock() {
            return new Clock() {
                private Instant now = Instant.parse("2026-01-01T00:00:00Z");

                @Override
                public synchronized Instant instant() {
                    now = now.plusSeconds(1);
                    return now;
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Bean
        InUse inUse() {
            return new InUse();
        }
    }

    /** Stands in for the job module: the ids it holds are "in use". */
    static class InUse implements DatasetUsage {

        final Set<UUID> ids = ConcurrentHashMap.newKeySet();

        @Override
        public boolean isInUse(UUID datasetId) {
            return ids.contains(datasetId);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DatasetRepository datasets;

    @Autowired
    DatasetDataRepository data;

    @Autowired
    InUse inUse;

    @Autowired
    Datasets service;

    @BeforeEach
    void emptyTheTables() {
        data.deleteAllInBatch();
        datasets.deleteAllInBatch();
        inUse.ids.clear();
    }

    ResultActions postJson(String body) throws Exception {
        return mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions upload(String filename, String content, String... params) throws Exception {
        var request = multipart("/api/v1/datasets")
                .file(new MockMultipartFile("file", filename, "application/octet-stream", content.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request);
    }

    static String id(MvcResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }

    static void isProblem(ResultActions actions, int status, String type) throws Exception {
        actions.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + type))
                .andExpect(jsonPath("$.status").value(status));
    }

    @Test
    void createsADatasetFromAJsonBodyAnswering201WithLocationAndStats() throws Exception {
        MvcResult result = postJson(XOR)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("xor"))
                .andExpect(jsonPath("$.format").value("json"))
                .andExpect(jsonPath("$.rows").value(4))
                .andExpect(jsonPath("$.columns").value(2))
                .andExpect(jsonPath("$.featureNames").value(contains("a", "b")))
                .andExpect(jsonPath("$.labelColumn").value(nullValue()))
                // a = 0, 0, 1, 1: mean 2/4 = 0.5, population std sqrt(4 · 0.25 / 4) = 0.5.
                .andExpect(jsonPath("$.stats[0].name").value("a"))
                .andExpect(jsonPath("$.stats[0].min").value(0.0))
                .andExpect(jsonPath("$.stats[0].max").value(1.0))
                .andExpect(jsonPath("$.stats[0].mean").value(0.5))
                .andExpect(jsonPath("$.stats[0].std").value(0.5))
                .andExpect(jsonPath("$.sha256").value(sha256(XOR)))
                .andExpect(jsonPath("$.sizeBytes").value(XOR.length()))
                .andExpect(jsonPath("$.createdAt").exists())
                .andReturn();
        String id = id(result);

        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/datasets/" + id);
        mvc.perform(get("/api/v1/datasets/" + id))
                .andExpect(status().isOk())
                .andExpect(content().json(result.getResponse().getContentAsString()));
    }

    @Test
    void uploadsACsvFileKeepingTheLabelColumnApart() throws Exception {
        String csv = "sepal,species,petal\n5.1,setosa,1.4\n6.3,virginica,6.0\n";

        MvcResult result = upload("iris.csv", csv, "labelColumn", "species")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("iris.csv"))
                .andExpect(jsonPath("$.format").value("csv"))
                .andExpect(jsonPath("$.rows").value(2))
                .andExpect(jsonPath("$.columns").value(2))
                .andExpect(jsonPath("$.featureNames").value(contains("sepal", "petal")))
                .andExpect(jsonPath("$.labelColumn").value("species"))
                .andExpect(jsonPath("$.sha256").value(sha256(csv)))
                .andReturn();

        DatasetData stored = data.findById(UUID.fromString(id(result))).orElseThrow();
        assertThat(stored.decodeFeatures()).containsExactly(5.1f, 1.4f, 6.3f, 6.0f);
        assertThat(new String(stored.labels(), StandardCharsets.UTF_8)).isEqualTo("[\"setosa\",\"virginica\"]");
    }

    @Test
    void createsADatasetWithLabelsFromAJsonBodyAndRefusesALabelColumnNameLongerThanItsDatabaseColumn() throws Exception {
        MvcResult result = postJson("{\"name\": \"iris\", \"columns\": [\"sepal\"], \"rows\": [[5.1], [6.3]], "
                + "\"labelColumn\": \"species\", \"labels\": [\"setosa\", \"virginica\"]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.columns").value(1))
                .andExpect(jsonPath("$.labelColumn").value("species"))
                .andReturn();

        DatasetData stored = data.findById(UUID.fromString(id(result))).orElseThrow();
        assertThat(new String(stored.labels(), StandardCharsets.UTF_8)).isEqualTo("[\"setosa\",\"virginica\"]");
        ResultActions tooLong = postJson("{\"name\": \"iris\", \"rows\": [[1]], \"labelColumn\": \"" + "y".repeat(201)
                + "\", \"labels\": [\"a\"]}");
        isProblem(tooLong, 422, "invalid-dataset");
        tooLong.andExpect(jsonPath("$.errors[0].field").value("labelColumn"))
                .andExpect(jsonPath("$.errors[0].reason").value("is 201 characters long, at most 200 are allowed"));
    }

    @Test
    void takesTheNameAndFormatFromTheFormWhenGiven() throws Exception {
        upload("export.txt", "[[1, 2]]", "name", "mine", "format", "json")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("mine"))
                .andExpect(jsonPath("$.format").value("json"))
                .andExpect(jsonPath("$.featureNames").value(contains("col0", "col1")));
    }

    @Test
    void answers404NotFoundForUnknownIds() throws Exception {
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000001");

        isProblem(mvc.perform(get("/api/v1/datasets/" + unknown)), 404, "not-found");
        isProblem(mvc.perform(delete("/api/v1/datasets/" + unknown)), 404, "not-found");
        mvc.perform(get("/api/v1/datasets/" + unknown))
                .andExpect(jsonPath("$.detail").value("No dataset with id " + unknown));
    }

    @Test
    void loadsTheStoredMatrixForOtherModulesAndAnswersNotFoundForUnknownIds() throws Exception {
        UUID id = UUID.fromString(id(postJson(XOR).andReturn()));

        DatasetMatrix matrix = service.load(id);

        assertThat(matrix.id()).isEqualTo(id);
        assertThat(matrix.rows()).isEqualTo(4);
        assertThat(matrix.columns()).isEqualTo(2);
        assertThat(matrix.features()).containsExactly(0, 0, 0, 1, 1, 0, 1, 1);
        assertThat(matrix.featureNames()).containsExactly("a", "b");
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000002");
        assertThat(catchThrowableOfType(ApiException.class,
                () -> service.load(unknown)).typeUri()).hasToString(PROBLEMS + "not-found");
        assertThat(catchThrowableOfType(ApiException.class,
                () -> service.get(unknown)).status().value()).isEqualTo(404);
    }

    @Test
    void loadsATypedTableWithItsLevelsAndMissingCellsAndAnAllNumericOneWithoutEither() throws Exception {
        UUID id = UUID.fromString(id(upload("t.csv", "n,c\n1,b\nNA,a\n3,\n", "schema", "{\"n\": \"NUMERIC\"}").andReturn()));

        DatasetMatrix matrix = service.load(id);

        assertThat(matrix.features()).containsExactly(1, 1, 0, 0, 3, 0);
        assertThat(matrix.levels()).containsExactly(null, List.of("a", "b"));
        assertThat(matrix.missing()).containsExactly(false, false, true, false, false, true);
        assertThat(matrix.typed()).isTrue();
        DatasetMatrix xor = service.load(UUID.fromString(id(postJson(XOR).andReturn())));
        assertThat(xor.levels()).isNull();
        assertThat(xor.missing()).isNull();
        assertThat(xor.typed()).isFalse();
        assertThat(data.findById(xor.id()).orElseThrow().decodeMissing(8)).isNull();
    }

    @Test
    void refusesASchemaFieldForJsonAndIdxFilesAndOneThatIsNotJson() throws Exception {
        ResultActions json = upload("rows.json", "[[1]]", "schema", "{\"col0\": \"NUMERIC\"}");
        isProblem(json, 422, "invalid-dataset");
        json.andExpect(jsonPath("$.errors[0].field").value("schema"))
                .andExpect(jsonPath("$.errors[0].reason").value(
                        "applies to CSV uploads only: a JSON file gives its schema as the document's \"schema\" member"));
        ResultActions idx = upload("x.idx", "", "schema", "{}");
        isProblem(idx, 422, "invalid-dataset");
        idx.andExpect(jsonPath("$.errors[0].reason").value("applies to CSV uploads only, this is idx (always numeric)"));
        ResultActions broken = upload("a.csv", "a\n1\n", "schema", "{\"a\": NUM}");
        isProblem(broken, 422, "invalid-dataset");
        broken.andExpect(jsonPath("$.errors[0].field").value("schema"));
        assertThat(datasets.count()).isZero();
    }

    @Test
    void readsStatisticsStoredBeforeTypedTablesAsNumericWithoutMissingCells() {
        List<ColumnStats> old = new Dataset.StatsJson().convertToEntityAttribute(
                "[{\"name\":\"a\",\"min\":0.0,\"max\":1.0,\"mean\":0.5,\"std\":0.5}]");

        assertThat(old).containsExactly(new ColumnStats("a", 0, 1, 0.5, 0.5));
        assertThat(old.get(0).type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(old.get(0).missing()).isZero();
    }

    @Test
    void answers422NamingTheRowAndColumnOfABadCsvCell() throws Exception {
        ResultActions answer = upload("prices.csv", "item,price\n1,2\n3,abc\n4,inf\n", "schema", "{\"price\": \"NUMERIC\"}");

        isProblem(answer, 422, "invalid-dataset");
        answer.andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("row 2, column \"price\""))
                .andExpect(jsonPath("$.errors[0].reason").value("\"abc\" is not a number"))
                .andExpect(jsonPath("$.errors[1].field").value("row 3, column \"price\""))
                .andExpect(jsonPath("$.errors[1].reason").value("\"inf\" is not a finite number"));
        assertThat(datasets.count()).isZero();
    }

    @Test
    void answers422ForInfinityInAJsonBodyNamingTheCell() throws Exception {
        ResultActions answer = postJson("{\"name\": \"n\", \"columns\": [\"x\", \"y\"], \"rows\": [[1, 2], [Infinity, 3]]}");

        isProblem(answer, 422, "invalid-dataset");
        answer.andExpect(jsonPath("$.errors[0].field").value("rows[1][0]"))
                .andExpect(jsonPath("$.errors[0].reason").value("row 2, column \"x\": Infinity is not a finite number"));
    }

    @Test
    void answers422ForAJsonBodyWithoutANameOrThatIsNotJson() throws Exception {
        isProblem(postJson("{\"rows\": [[1]]}"), 422, "invalid-dataset");
        postJson("{\"rows\": [[1]]}").andExpect(jsonPath("$.errors[0].field").value("name"));
        isProblem(postJson("{\"rows\": [[1]"), 422, "invalid-dataset");
        postJson("{\"rows\": [[1]").andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void answers422UnsupportedFormatWhenTheFormatIsUnknownOrCannotBeInferred() throws Exception {
        ResultActions unnamed = upload("data.txt", "a\n1\n");
        isProblem(unnamed, 422, "unsupported-format");
        unnamed.andExpect(jsonPath("$.errors[0].field").value("format"));

        ResultActions unknown = upload("data.csv", "a\n1\n", "format", "parquet");
        isProblem(unknown, 422, "unsupported-format");
        unknown.andExpect(jsonPath("$.errors[0].reason").value("\"parquet\" is not one of csv, json, idx"));
    }

    @Test
    void answers422WhenALabelColumnIsNamedForANonCsvUpload() throws Exception {
        ResultActions answer = upload("rows.json", "[[1]]", "labelColumn", "y");

        isProblem(answer, 422, "invalid-dataset");
        answer.andExpect(jsonPath("$.errors[0].field").value("labelColumn"));
    }

    @Test
    void answers400WhenTheFilePartIsMissing() throws Exception {
        isProblem(mvc.perform(multipart("/api/v1/datasets").param("name", "x")), 400, "missing-parameter");
    }

    @Test
    void answers413NamingTheLimitWhenThereAreTooManyRows() throws Exception {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 0; i < 51; i++) {
            csv.append(i).append('\n');
        }

        ResultActions answer = upload("big.csv", csv.toString());

        isProblem(answer, 413, "dataset-too-large");
        answer.andExpect(jsonPath("$.detail").value("The dataset has 51 rows or more; the limit hourglass.limits.max-rows is 50."));
    }

    @Test
    void refusesToDeleteADatasetInUseWith409AndDeletesItOnceReleased() throws Exception {
        String id = id(postJson(XOR).andReturn());
        inUse.ids.add(UUID.fromString(id));

        isProblem(mvc.perform(delete("/api/v1/datasets/" + id)), 409, "dataset-in-use");
        mvc.perform(get("/api/v1/datasets/" + id)).andExpect(status().isOk());

        inUse.ids.clear();
        mvc.perform(delete("/api/v1/datasets/" + id)).andExpect(status().isNoContent());
        isProblem(mvc.perform(get("/api/v1/datasets/" + id)), 404, "not-found");
        assertThat(data.count()).isZero();
    }

    @Test
    void listsDatasetsNewestFirstInPages() throws Exception {
        for (String name : new String[] {"first", "second", "third"}) {
            postJson("{\"name\": \"" + name + "\", \"rows\": [[1]]}").andExpect(status().isCreated());
        }

        mvc.perform(get("/api/v1/datasets").param("page", "0").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name").value(contains("third", "second")))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2));
        mvc.perform(get("/api/v1/datasets").param("page", "1").param("size", "2"))
                .andExpect(jsonPath("$.items[*].name").value(contains("first")));
        mvc.perform(get("/api/v1/datasets"))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.size").value(20));
    }

    @Test
    void listsTheSlimViewWithoutFeatureNamesOrStatsWhichTheDatasetItselfHas() throws Exception {
        String id = id(postJson(XOR).andReturn());

        mvc.perform(get("/api/v1/datasets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].format").value("json"))
                .andExpect(jsonPath("$.items[0].rows").value(4))
                .andExpect(jsonPath("$.items[0].columns").value(2))
                .andExpect(jsonPath("$.items[0].sha256").isString())
                .andExpect(jsonPath("$.items[0].sizeBytes").isNumber())
                .andExpect(jsonPath("$.items[0].createdAt").isString())
                .andExpect(jsonPath("$.items[0].featureNames").doesNotExist())
                .andExpect(jsonPath("$.items[0].stats").doesNotExist());
        mvc.perform(get("/api/v1/datasets/" + id))
                .andExpect(jsonPath("$.featureNames.length()").value(2))
                .andExpect(jsonPath("$.stats.length()").value(2));
    }

    @Test
    void answers400ForAPageOrSizeOutOfRange() throws Exception {
        isProblem(mvc.perform(get("/api/v1/datasets").param("size", "0")), 400, "invalid-parameter");
        isProblem(mvc.perform(get("/api/v1/datasets").param("size", "101")), 400, "invalid-parameter");
        isProblem(mvc.perform(get("/api/v1/datasets").param("page", "-1")), 400, "invalid-parameter");
        mvc.perform(get("/api/v1/datasets").param("page", "-1")).andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
