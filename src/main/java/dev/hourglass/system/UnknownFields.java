package dev.hourglass.system;

import java.util.Collection;
import java.util.Locale;

/**
 * A field a request body has but its type does not: named by its path, with the closest known field of the
 * object it sits in as a suggestion ({@code "encodr"} → {@code encoder}), so that a misspelling is refused
 * instead of silently running with a default.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    /** {@code training.epoch}: "is not a known field; did you mean epochs?" (no suggestion when none is close). */
    public static FieldProblem problem(String path, String name, Collection<String> known) {
        String closest = closest(name, known);
        return new FieldProblem(path, closest == null ? "is not a known field"
                : "is not a known field; did you mean " + closest + "?");
    }

    /**
     * The known name nearest to {@code name} by edit distance (ignoring case), or null when even the nearest
     * needs more than a third of its letters changed (at most 2): a typo, not a different word.
     */
    public static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.min(2, Math.max(1, best.length() / 3)) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one row of the table at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
