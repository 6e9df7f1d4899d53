package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180 quoting, UTF-8, optional byte-order mark, optionally gzipped), read into a
 * typed table (DESIGN §8.2, {@link TableBuilder}): a feature column is numeric unless a cell holds text, then
 * categorical; cells are stripped, and empty, {@code NA} and {@code NaN} are missing. A {@link TableSchema}
 * declares columns NUMERIC, CATEGORICAL or IGNORE (left unread). The optional label column is kept apart as
 * text. Rows are numbered from 1 at the first data row (the header is not counted); a ragged row is named by
 * its line in the file.
 */
public final class CsvDatasetParser {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final Limits limits;

    public CsvDatasetParser(Limits limits) {
        this.limits = limits;
    }

    /** {@code labelColumn} may be null (no labels). */
    public ParsedDataset parse(InputStream in, String labelColumn) throws IOException {
        return parse(in, labelColumn, TableSchema.NONE);
    }

    /** {@code labelColumn} may be null (no labels); {@code schema} declares column types. */
    public ParsedDataset parse(InputStream in, String labelColumn, TableSchema schema) throws IOException {
        InputStream content = Inputs.content(in, limits);
        if (content == null) {
            throw Problems.invalid("file", "is empty");
        }
        InputStreamReader reader = new InputStreamReader(Inputs.withoutBom(content), StandardCharsets.UTF_8);
        try (CSVParser csv = CSVParser.parse(new CsvBounds(reader, limits), FORMAT)) {
            return read(csv, labelColumn, schema);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way, e.g. "(startline 3) EOF reached before encapsulated token finished".
            throw Problems.invalid("file", "is not valid CSV: " + rootMessage(e));
        }
    }

    private ParsedDataset read(CSVParser csv, String labelColumn, TableSchema schema) {
        Iterator<CSVRecord> records = csv.iterator();
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
        List<String> features = new ArrayList<>(header);
        if (labelIndex >= 0) {
            features.remove(labelIndex);
        }
        TableSchema.Type[] declared = schema.resolve(features, labelIndex >= 0 ? header.get(labelIndex) : null, problems);
        if (features.isEmpty() && !problems.any()) {
            problems.add("header", "names no feature column");
        } else if (!features.isEmpty() && Arrays.stream(declared).allMatch(t -> t == TableSchema.Type.IGNORE)) {
            problems.add("schema", "ignores every column: a dataset needs at least one feature column");
        }
        problems.throwIfAny();

        // Ignored columns are never read: source[j] is the file column of stored column j.
        List<String> names = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        List<TableSchema.Type> types = new ArrayList<>();
        for (int i = 0, f = 0; i < header.size(); i++) {
            if (i != labelIndex && declared[f++] != TableSchema.Type.IGNORE) {
                sources.add(i);
                names.add(header.get(i));
                types.add(declared[f - 1]);
            }
        }
        int columns = names.size();
        int[] source = sources.stream().mapToInt(Integer::intValue).toArray();
        TableBuilder table = new TableBuilder(columns, limits, problems);
        for (int j = 0; j < columns; j++) {
            if (types.get(j) != null) {
                table.declare(j, types.get(j), names.get(j));
            }
        }
        List<String> labels = labelIndex >= 0 ? new ArrayList<>() : null;
        long row = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            row++;
            limits.checkRows(row);
            if (record.size() != header.size()) {
                problems.add("line " + csv.getCurrentLineNumber(), "has " + record.size() + " cells, the header has "
                        + header.size());
                continue;
            }
            table.reserveRow();
            boolean valid = true;
            for (int j = 0; j < columns; j++) {
                valid &= cell(table, j, record.get(source[j]), row, names.get(j), problems);
            }
            if (valid && !problems.any()) {
                table.commitRow();
                if (labels != null) {
                    labels.add(record.get(labelIndex));
                }
            }
        }
        problems.throwIfAny();
        if (table.rows() == 0) {
            throw Problems.invalid("file", "has a header but no data rows");
        }
        return table.build(names, labelIndex >= 0 ? header.get(labelIndex) : null, labels, null);
    }

    /** Reads one cell into the table; false after recording why it is refused. */
    private static boolean cell(TableBuilder table, int column, String raw, long row, String name, Problems problems) {
        String text = raw.strip();
        if (Cells.isMissing(text)) {
            table.missing(column);
            return true;
        }
        float value = Cells.parse(text);
        if (!Float.isNaN(value)) {
            table.number(column, value, text);
            return true;
        }
        if ((table.isDeclaredCategorical(column) || !Cells.isNonFinite(text)) && table.text(column, text, row)) {
            return true;
        }
        problems.add(Cells.at(row, name), Cells.whyNot(text));
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
