package dev.hourglass.dataset.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The levels of one categorical column while it is read: each new text gets the next provisional code (the
 * order of first sight). {@link #sorted()} gives the stored order, String natural order, so that the coding
 * does not depend on the order of the rows; {@link #recoding()} maps provisional codes to stored ones.
 */
final class ColumnLevels {

    private final int maxLevels;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> texts = new ArrayList<>();

    ColumnLevels(int maxLevels) {
        this.maxLevels = maxLevels;
    }

    /** The provisional code of {@code text}, or -1 if it would be level {@code maxLevels + 1}. */
    int code(String text) {
        Integer code = codes.get(text);
        if (code != null) {
            return code;
        }
        if (texts.size() == maxLevels) {
            return -1;
        }
        codes.put(text, texts.size());
        texts.add(text);
        return texts.size() - 1;
    }

    /** The level names in stored-code order. */
    List<String> sorted() {
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    /** {@code recoding()[provisional]} is the stored code: the level's rank in {@link #sorted()}. */
    int[] recoding() {
        List<String> sorted = sorted();
        int[] stored = new int[texts.size()];
        for (int rank = 0; rank < sorted.size(); rank++) {
            stored[codes.get(sorted.get(rank))] = rank;
        }
        return stored;
    }
}
