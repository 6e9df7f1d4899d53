package dev.hourglass.model;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.table.TableCodec;

/**
 * The columns of a model trained on a typed table: per column null (numeric) or its level names in
 * code order, and the codec that turns its rows into the network's input (normalizer and fill values).
 */
public record TableColumns(List<List<String>> levels, TableCodec codec) {

    public TableColumns {
        if (levels.size() != codec.layout().columns()) {
            throw new IllegalArgumentException(levels.size() + " columns of levels for a network over "
                    + codec.layout().columns() + " columns");
        }
        for (int c = 0; c < levels.size(); c++) {
            int expected = codec.layout().levels()[c];
            int got = levels.get(c) == null ? 0 : levels.get(c).size();
            if (got != expected) {
                throw new IllegalArgumentException("column " + c + " has " + got + " level names, its block " + expected);
            }
        }
        List<List<String>> copy = new ArrayList<>(levels.size());
        for (List<String> l : levels) {
            copy.add(l == null ? null : List.copyOf(l));
        }
        levels = java.util.Collections.unmodifiableList(copy);
    }

    public TableLayout layout() {
        return codec.layout();
    }

    public int columns() {
        return levels.size();
    }

    public boolean categorical(int column) {
        return levels.get(column) != null;
    }

    /** One column's type and levels, as the model view shows it. */
    public record ColumnView(String name, String type, List<String> levels) {
    }

    /** The columns as the model view shows them, named by {@code names} (null: col0, col1, …). */
    public List<ColumnView> view(List<String> names) {
        List<ColumnView> out = new ArrayList<>(levels.size());
        for (int c = 0; c < levels.size(); c++) {
            out.add(new ColumnView(names == null ? "col" + c : names.get(c), categorical(c) ? "CATEGORICAL" : "NUMERIC",
                    levels.get(c)));
        }
        return out;
    }
}
