package dev.hourglass.dataset.internal;

import static dev.hourglass.dataset.internal.ParserFixtures.GENEROUS;
import static dev.hourglass.dataset.internal.ParserFixtures.gzip;
import static dev.hourglass.dataset.internal.ParserFixtures.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;

class IdxDatasetParserTests {

    final IdxDatasetParser parser = new IdxDatasetParser(GENEROUS);

    /** Two 2×3 "images" of unsigned bytes: magic 0x00000803, dimensions 2, 2, 3. */
    static byte[] twoImages() {
        ByteBuffer b = ByteBuffer.allocate(4 + 3 * 4 + 12);
        b.putInt(0x00000803).putInt(2).putInt(2).putInt(3);
        b.put(new byte[] {0, 1, 2, 3, 127, (byte) 128, (byte) 255, 10, 20, 30, 40, 50});
        return b.array();
    }

    static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    @Test
    void readsUnsignedByteImagesAsRowsOfPixels() throws Exception {
        ParsedDataset parsed = parser.parse(in(twoImages()));

        assertThat(parsed.rows()).isEqualTo(2);
        assertThat(parsed.columns()).isEqualTo(6);
        assertThat(parsed.featureNames()).containsExactly("pixel0", "pixel1", "pixel2", "pixel3", "pixel4", "pixel5");
        assertThat(parsed.features()).containsExactly(0, 1, 2, 3, 127, 128, 255, 10, 20, 30, 40, 50);
    }

    @Test
    void readsTheSameImagesGzipped() throws Exception {
        ParsedDataset parsed = parser.parse(in(gzip(twoImages())));

        assertThat(parsed.rows()).isEqualTo(2);
        assertThat(parsed.features()).containsExactly(0, 1, 2, 3, 127, 128, 255, 10, 20, 30, 40, 50);
    }

    @Test
    void readsATwoDimensionalFloatMatrixWithColumnNames() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 * 4);
        b.putInt(0x00000D02).putInt(2).putInt(2).putFloat(1.5f).putFloat(-2f).putFloat(0f).putFloat(3.25e10f);

        ParsedDataset parsed = parser.parse(in(b.array()));

        assertThat(parsed.featureNames()).containsExactly("col0", "col1");
        assertThat(parsed.features()).containsExactly(1.5f, -2f, 0f, 3.25e10f);
    }

    @Test
    void readsSignedBytesShortsIntsAndDoubles() throws Exception {
        // One row of two values each: magic 0x00000Tdd, dimensions 1 and 2.
        assertThat(parser.parse(in(ByteBuffer.allocate(14).putInt(0x00000902).putInt(1).putInt(2).put((byte) -3).put((byte) 4).array()))
                .features()).containsExactly(-3f, 4f);
        assertThat(parser.parse(in(ByteBuffer.allocate(16).putInt(0x00000B02).putInt(1).putInt(2).putShort((short) -300).putShort((short) 7).array()))
                .features()).containsExactly(-300f, 7f);
        assertThat(parser.parse(in(ByteBuffer.allocate(20).putInt(0x00000C02).putInt(1).putInt(2).putInt(-70000).putInt(5).array()))
                .features()).containsExactly(-70000f, 5f);
        assertThat(parser.parse(in(ByteBuffer.allocate(28).putInt(0x00000E02).putInt(1).putInt(2).putDouble(0.5).putDouble(-8).array()))
                .features()).containsExactly(0.5f, -8f);
    }

    @Test
    void refusesNonFiniteFloatsNamingRowAndColumn() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 * 4);
        b.putInt(0x00000D02).putInt(2).putInt(2).putFloat(1f).putFloat(2f).putFloat(Float.NaN).putFloat(3f);

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(in(b.array())));

        assertThat(e.errors()).containsExactly(new FieldProblem("row 2, column \"col0\"", "NaN is not a finite number"));
    }

    @Test
    void refusesATruncatedFileSayingWhereTheDataEnds() {
        byte[] cut = Arrays.copyOf(twoImages(), twoImages().length - 2);

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(in(cut)));

        assertThat(e.errors()).containsExactly(new FieldProblem("file", "is truncated: the header declares 2 rows of 6 ubyte "
                + "values, but the data ends in row 2 (10 of 12 bytes)"));
    }

    @Test
    void refusesATruncatedGzipStream() {
        byte[] gz = gzip(twoImages());
        byte[] cut = Arrays.copyOf(gz, gz.length - 12);

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(in(cut)));

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.reason()).startsWith("the gzip stream is truncated");
        });
    }

    @Test
    void refusesATruncatedHeader() {
        byte[] header = Arrays.copyOf(twoImages(), 9);

        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in(header))).errors()).containsExactly(
                new FieldProblem("file", "is truncated: the IDX header declares 3 dimensions but ends after 5 of their 12 bytes"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in(new byte[] {0, 0}))).errors()).containsExactly(
                new FieldProblem("file", "is too short for an IDX header (2 bytes)"));
    }

    @Test
    void refusesALabelsFileAskingForTheImages() {
        byte[] labels = ByteBuffer.allocate(10).putInt(0x00000801).putInt(2).put((byte) 9).put((byte) 0).array();

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(in(labels)));

        assertThat(e.errors()).containsExactly(new FieldProblem("file", "is a 1-dimensional IDX file, which holds labels "
                + "(like train-labels-idx1-ubyte); upload the images file (idx3) instead"));
    }

    @Test
    void refusesFilesThatAreNotIdx() {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in("a,b\n1,2\n".getBytes()))).errors())
                .containsExactly(new FieldProblem("file",
                        "is not an IDX file: the magic number must start with two zero bytes, found 0x612c620a"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in(new byte[] {0, 0, 0x07, 2}))).errors())
                .containsExactly(new FieldProblem("file", "has an unknown IDX data type 0x07 (known: 0x08 ubyte, "
                        + "0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in(new byte[0]))).errors())
                .containsExactly(new FieldProblem("file", "is empty"));
    }

    @Test
    void refusesBytesAfterTheDeclaredValues() {
        byte[] longer = Arrays.copyOf(twoImages(), twoImages().length + 1);

        assertThat(problem(422, "invalid-dataset", () -> parser.parse(in(longer))).errors())
                .containsExactly(new FieldProblem("file", "has bytes after the 2 × 6 values its header declares"));
    }

    @Test
    void refusesADeclaredShapeOverTheLimitsBeforeReadingTheData() {
        IdxDatasetParser small = new IdxDatasetParser(new Limits(1, 784, 1_000_000, 1000));
        // Header only: 60000 × 28 × 28 declared, no pixels. The row limit answers before any read of data.
        byte[] header = ByteBuffer.allocate(16).putInt(0x00000803).putInt(60000).putInt(28).putInt(28).array();

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(in(header)));

        assertThat(e.getMessage()).isEqualTo("The dataset has 60000 rows or more; the limit hourglass.limits.max-rows is 1.");
    }

    @Test
    void readsTheFashionMnistFixture() throws Exception {
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/fmnist-2000.idx.gz")) {
            ParsedDataset parsed = parser.parse(fixture);

            assertThat(parsed.rows()).isEqualTo(2000);
            assertThat(parsed.columns()).isEqualTo(784);
            assertThat(parsed.featureNames().get(783)).isEqualTo("pixel783");
            float firstImage = 0;
            for (int i = 0; i < 784; i++) {
                firstImage += parsed.features()[i];
            }
            // From the fixture's README: the first image's pixels sum to 76,247.
            assertThat(firstImage).isEqualTo(76247f);
        }
    }
}
