package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180 quoting, UTF-8, optional byte-order mark, optionally gzipped). Every
 * cell of a feature column must be a finite decimal number; the optional label column is kept apart as
 * text. Rows are numbered from 1 at the first data row (the header is not counted).
 */
public final class CsvDatasetParser {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final Limits limits;

    public CsvDatasetParser(Limits limits) {
        this.limits = limits;
    }

    /** {@code labelColumn} may be null (no labels). */
    public ParsedDataset parse(InputStream in, String labelColumn) throws IOException {
        InputStream content = Inputs.content(in);
        if (content == null) {
            throw Problems.invalid("file", "is empty");
        }
        InputStreamReader reader = new InputStreamReader(Inputs.withoutBom(content), StandardCharsets.UTF_8);
        try (CSVParser csv = CSVParser.parse(reader, FORMAT)) {
            return read(csv.iterator(), labelColumn);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way, e.g. "(startline 3) EOF reached before encapsulated token finished".
            throw Problems.invalid("file", "is not valid CSV: " + rootMessage(e));
        }
    }

    private ParsedDataset read(Iterator<CSVRecord> records, String labelColumn) {
        if (!records.hasNext()) {
            throw Problems.invalid("file", "has no header row");
        }
        List<String> header = records.next().toList().stream().map(String::strip).toList();
        Problems problems = new Problems();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                problems.add("header", "column " + (i + 1) + " has no name");
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                problems.add("header", "column name \"" + name + "\" appears more than once (columns "
                        + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        int labelIndex = -1;
        if (labelColumn != null) {
            labelIndex = header.indexOf(labelColumn.strip());
            if (labelIndex < 0) {
                problems.add("labelColumn", "the header has no column named \"" + labelColumn + "\"");
            }
        }
        int columns = header.size() - (labelIndex >= 0 ? 1 : 0);
        if (columns == 0 && !problems.any()) {
            problems.add("header", "names no feature column");
        }
        problems.throwIfAny();

        int[] source = new int[columns];
        List<String> names = new ArrayList<>(columns);
        for (int i = 0, j = 0; i < header.size(); i++) {
            if (i != labelIndex) {
                source[j++] = i;
                names.add(header.get(i));
            }
        }
        MatrixBuilder matrix = new MatrixBuilder(columns, limits, 1024, false);
        List<String> labels = labelIndex >= 0 ? new ArrayList<>() : null;
        long row = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            row++;
            limits.checkRows(row);
            if (record.size() != header.size()) {
                problems.add("row " + row, "has " + record.size() + " cells, the header has " + header.size());
                continue;
            }
            int offset = matrix.reserveRow();
            boolean valid = true;
            for (int j = 0; j < columns; j++) {
                String text = record.get(source[j]);
                float value = Cells.parse(text);
                if (Float.isNaN(value)) {
                    problems.add(Cells.at(row, names.get(j)), Cells.whyNot(text));
                    valid = false;
                } else {
                    matrix.set(offset + j, value);
                }
            }
            if (valid && !problems.any()) {
                matrix.commitRow();
                if (labels != null) {
                    labels.add(record.get(labelIndex));
                }
            }
        }
        problems.throwIfAny();
        if (matrix.rows() == 0) {
            throw Problems.invalid("file", "has a header but no data rows");
        }
        return new ParsedDataset(matrix.rows(), columns, matrix.build(), names,
                labelIndex >= 0 ? header.get(labelIndex) : null, labels, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
