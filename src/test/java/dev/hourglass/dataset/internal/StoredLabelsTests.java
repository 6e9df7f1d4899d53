package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class StoredLabelsTests {

    static final class Blob implements RangeReader {

        final byte[] bytes;
        int reads;

        Blob(String json) {
            bytes = json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] read(long from, int length) {
            reads++;
            return Arrays.copyOfRange(bytes, (int) Math.min(from, bytes.length), (int) Math.min(from + length, bytes.length));
        }
    }

    static List<String> next(StoredLabels labels, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(labels.next());
        }
        return out;
    }

    @Test
    void skipsToTheFirstLabelOfTheWindowAcrossTinyRangesEvenInsideAMultiByteCharacter() {
        // "é" and "猫" are two and three bytes in UTF-8; 3-byte ranges split them.
        Blob blob = new Blob("[\"setosa\",\"vé, \\\"quoted\\\"\",\"猫\",\"\",\"last\"]");

        assertThat(next(new StoredLabels(blob, 1, 3), 4)).containsExactly("vé, \"quoted\"", "猫", "", "last");
        assertThat(next(new StoredLabels(blob, 0, 3), 1)).containsExactly("setosa");
    }

    @Test
    void readsNothingUntilAskedAndThenOnlyTheRangesItNeeds() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ",").append("\"label").append(i).append('"');
        }
        Blob blob = new Blob(json.append(']').toString());
        StoredLabels labels = new StoredLabels(blob, 0, 16);

        assertThat(blob.reads).isZero();
        assertThat(next(labels, 2)).containsExactly("label0", "label1");
        // `["label0","label1"` is 18 bytes: two 16-byte ranges of the 9 kB array.
        assertThat(blob.reads).isEqualTo(2);
    }

    @Test
    void fewerLabelsThanRowsIsAnError() {
        StoredLabels labels = new StoredLabels(new Blob("[\"a\"]"), 1, 1 << 20);

        assertThatThrownBy(labels::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("the stored labels end early or hold a non-string");
    }
}
