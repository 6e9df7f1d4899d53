package dev.hourglass.dataset.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV in the dialect the upload reads (RFC 4180: commas, CRLF, quotes only where needed, UTF-8): a header
 * with the feature names and the label column last, if there is one, then one line per row, numbers as
 * {@link FloatText} writes them, categorical cells as their level, missing cells empty. Such a file uploads again
 * as the same dataset (with {@code labelColumn}, and a {@code schema} for categorical columns whose levels all
 * read as numbers).
 */
public final class CsvRowsWriter implements RowsWriter {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    @Override
    public String contentType() {
        return "text/csv;charset=UTF-8";
    }

    @Override
    public void write(RowsWindow window, OutputStream out) throws IOException {
        BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        // Not closed: closing the printer would close the response's stream, which is the container's to close.
        CSVPrinter csv = new CSVPrinter(text, FORMAT);
        for (String name : window.featureNames()) {
            csv.print(name);
        }
        if (window.labelColumn() != null) {
            csv.print(window.labelColumn());
        }
        csv.println();
        FeatureRows rows = window.rows();
        while (rows.next()) {
            for (int c = 0; c < rows.columns(); c++) {
                csv.print(CellText.of(window, c));
            }
            if (window.labels() != null) {
                csv.print(window.labels().next());
            }
            csv.println();
        }
        csv.flush();
    }
}
