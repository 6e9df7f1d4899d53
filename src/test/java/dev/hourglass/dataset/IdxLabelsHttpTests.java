package dev.hourglass.dataset;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * An IDX upload with its labels file (multipart part {@code labels}, MNIST's {@code *-labels-idx1-ubyte}): the
 * labels are stored as the rows' labels of a label column {@code label}; a file that is not IDX1 of unsigned
 * bytes, or has another count, is a 422 naming {@code labels}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IdxLabelsHttpTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = IdxLabelsHttpTests.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    /** An IDX file: magic {@code 00 00 type dims}, big-endian int32 sizes, then {@code data}. */
    private static byte[] idx(int type, int[] sizes, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
        out.put(new byte[] {0, 0, (byte) type, (byte) sizes.length});
        for (int size : sizes) {
            out.putInt(size);
        }
        return out.put(data).array();
    }

    /** Three 2 × 2 images of unsigned bytes. */
    private static final byte[] IMAGES = idx(0x08, new int[] {3, 2, 2}, new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 200});

    private Api.Response upload(byte[] images, byte[] labels, String... fields) {
        List<Api.FilePart> parts = new ArrayList<>(List.of(new Api.FilePart("file", "images.idx", images)));
        if (labels != null) {
            parts.add(new Api.FilePart("labels", "labels.idx", labels));
        }
        return api.upload("/api/v1/datasets", parts, fields);
    }

    private static void assertLabelsRefused(Api.Response response, String reason) {
        assertProblem(response, 422, "invalid-dataset");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("labels");
        assertThat(response.json().path("errors").get(0).path("reason").asString()).contains(reason);
    }

    @Test
    void fashionMnistWithItsLabelFileIsStoredWithEachImagesLabel() throws IOException {
        byte[] labels;
        try (InputStream in = new GZIPInputStream(IdxLabelsHttpTests.class.getResourceAsStream(
                "/fixtures/fmnist-2000-labels.idx.gz"))) {
            labels = Arrays.copyOfRange(in.readAllBytes(), 8, 8 + 2000);   // after magic and count
        }

        Api.Response uploaded = api.upload("/api/v1/datasets", List.of(
                new Api.FilePart("file", "fmnist-2000.idx.gz", fixture("fmnist-2000.idx.gz")),
                new Api.FilePart("labels", "fmnist-2000-labels.idx.gz", fixture("fmnist-2000-labels.idx.gz"))));

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("labelColumn").asString()).isEqualTo("label");
        assertThat(uploaded.json().path("columns").asInt()).as("the labels are no feature").isEqualTo(784);
        String id = uploaded.json().path("id").asString();
        JsonNode rows = api.get("/api/v1/datasets/" + id + "/rows?format=json").json();
        assertThat(rows.path("labelColumn").asString()).isEqualTo("label");
        JsonNode stored = rows.path("labels");
        assertThat(stored).hasSize(2000);
        for (int r = 0; r < 2000; r++) {
            assertThat(stored.get(r).asString()).as("row %d", r).isEqualTo(Integer.toString(labels[r] & 0xff));
        }
        assertThat(stored.get(0).asString()).as("the first image is an ankle boot").isEqualTo("9");
    }

    @Test
    void aPlainLabelFileOfUnsignedBytesIsReadAsItIs() throws IOException {
        byte[] labels = idx(0x08, new int[] {3}, new byte[] {7, 0, (byte) 255});
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(labels);
        }

        for (byte[] file : new byte[][] {labels, gzipped.toByteArray()}) {
            Api.Response uploaded = upload(IMAGES, file);
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            String csv = api.get("/api/v1/datasets/" + uploaded.json().path("id").asString() + "/rows").body();
            assertThat(csv).isEqualTo("col0,col1,col2,col3,label\r\n1,2,3,4,7\r\n5,6,7,8,0\r\n9,10,11,200,255\r\n"
                    .replace("col", "pixel"));
        }
    }

    @Test
    void anotherCountThanTheRowsIsRefusedNamingLabels() {
        assertLabelsRefused(upload(IMAGES, idx(0x08, new int[] {2}, new byte[] {1, 2})), "has 2 labels for the 3 rows");
        assertLabelsRefused(upload(IMAGES, idx(0x08, new int[] {4}, new byte[] {1, 2, 3, 4})), "has 4 labels");
        assertLabelsRefused(upload(IMAGES, idx(0x08, new int[] {3}, new byte[] {1, 2})), "is truncated");
        assertLabelsRefused(upload(IMAGES, idx(0x08, new int[] {3}, new byte[] {1, 2, 3, 4})), "bytes after the 3 labels");
    }

    @Test
    void aFileThatIsNotAnIdx1FileOfUnsignedBytesIsRefusedNamingLabels() {
        assertLabelsRefused(upload(IMAGES, IMAGES), "is not an IDX1 labels file");
        assertLabelsRefused(upload(IMAGES, "cat,dog,cat\n".getBytes()), "is not an IDX1 labels file");
        assertLabelsRefused(upload(IMAGES, idx(0x0C, new int[] {3}, new byte[12])), "labels are unsigned bytes");
        assertLabelsRefused(upload(IMAGES, new byte[] {0, 0, 8}), "is not an IDX1 labels file");
        assertLabelsRefused(upload(IMAGES, new byte[] {0, 0, 8, 1, 0}), "is truncated");
        assertLabelsRefused(upload(IMAGES, new byte[0]), "is empty");
        assertLabelsRefused(upload(IMAGES, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}), "gzip");
    }

    @Test
    void labelsGoWithIdxUploadsOnly() {
        Api.Response csv = api.upload("/api/v1/datasets", List.of(
                new Api.FilePart("file", "x.csv", "a,b\n1,2\n".getBytes()),
                new Api.FilePart("labels", "labels.idx", idx(0x08, new int[] {1}, new byte[] {1}))));
        assertLabelsRefused(csv, "applies to IDX uploads only");
        assertProblem(upload(IMAGES, null, "labelColumn", "label"), 422, "invalid-dataset");
    }

    @Test
    void anIdxUploadWithoutLabelsHasNone() {
        Api.Response uploaded = upload(IMAGES, null);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("labelColumn").isNull()).isTrue();
    }
}
