package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a window of a dataset's rows in one download format, each row as soon as it is read. */
public interface RowsWriter {

    /** The response's {@code Content-Type}. */
    String contentType();

    /** Writes the whole window and flushes; {@code out} stays open. */
    void write(RowsWindow window, OutputStream out) throws IOException;
}
