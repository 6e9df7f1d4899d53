package dev.hourglass.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetFormatTests {

    @Test
    void infersTheFormatFromTheFileName() {
        assertThat(DatasetFormat.inferFrom("iris.csv")).contains(DatasetFormat.CSV);
        assertThat(DatasetFormat.inferFrom("C:\\data\\IRIS.CSV.GZ")).contains(DatasetFormat.CSV);
        assertThat(DatasetFormat.inferFrom("rows.json")).contains(DatasetFormat.JSON);
        assertThat(DatasetFormat.inferFrom("rows.json.gz")).contains(DatasetFormat.JSON);
        assertThat(DatasetFormat.inferFrom("images.idx")).contains(DatasetFormat.IDX);
        assertThat(DatasetFormat.inferFrom("images.idx3")).contains(DatasetFormat.IDX);
        assertThat(DatasetFormat.inferFrom("train-images-idx3-ubyte")).contains(DatasetFormat.IDX);
        assertThat(DatasetFormat.inferFrom("/tmp/train-images-idx3-ubyte.gz")).contains(DatasetFormat.IDX);
        assertThat(DatasetFormat.inferFrom("fmnist-2000.gz")).contains(DatasetFormat.IDX);
    }

    @Test
    void infersNothingFromOtherNames() {
        assertThat(DatasetFormat.inferFrom("data.txt")).isEmpty();
        assertThat(DatasetFormat.inferFrom("csv")).isEmpty();
        assertThat(DatasetFormat.inferFrom(null)).isEmpty();
    }

    @Test
    void readsTheSlugsCaseInsensitively() {
        assertThat(DatasetFormat.fromSlug("CSV")).contains(DatasetFormat.CSV);
        assertThat(DatasetFormat.fromSlug(" idx ")).contains(DatasetFormat.IDX);
        assertThat(DatasetFormat.fromSlug("parquet")).isEmpty();
        assertThat(DatasetFormat.IDX.slug()).isEqualTo("idx");
    }
}
