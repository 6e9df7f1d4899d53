package dev.hourglass.dataset;

import java.io.IOException;
import java.io.OutputStream;

import dev.hourglass.dataset.internal.RowsWindow;
import dev.hourglass.dataset.internal.RowsWriter;

/**
 * A window of a dataset's rows, checked and found but not read yet: {@link #writeTo} reads the rows from the
 * database range by range as it writes them.
 */
record DatasetRows(RowsWriter writer, RowsWindow window) {

    String contentType() {
        return writer.contentType();
    }

    void writeTo(OutputStream out) throws IOException {
        try {
            writer.write(window, out);
        } finally {
            if (window.labels() != null) {
                window.labels().close();
            }
        }
    }
}
