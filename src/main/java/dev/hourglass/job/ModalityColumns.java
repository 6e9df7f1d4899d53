package dev.hourglass.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.system.FieldProblem;

/**
 * A multimodal spec's modalities over a dataset's features (DESIGN §8.4): each modality's dataset
 * columns in the order its {@code columns} list them. An entry that is a feature name is that column;
 * otherwise it is a zero-based index ({@code "5"}) or an inclusive range ({@code "0-13"}). The network
 * reads the modalities' columns one after another ({@link #order()}); a column may belong to one
 * modality only, and columns in none are not used.
 *
 * @param columns  per modality, its dataset column indices
 * @param problems what could not be resolved, by spec field ({@code modalities[1].columns[0]}); an
 *                 unresolved entry adds no column
 */
record ModalityColumns(List<int[]> columns, List<FieldProblem> problems) {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

    /** Resolves {@code modalities} against the dataset's feature names, in order. */
    static ModalityColumns resolve(List<TrainingSpec.ModalitySpec> modalities, List<String> featureNames) {
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < featureNames.size(); c++) {
            byName.putIfAbsent(featureNames.get(c), c);
        }
        String[] claimedBy = new String[featureNames.size()];
        List<int[]> columns = new ArrayList<>(modalities.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int m = 0; m < modalities.size(); m++) {
            TrainingSpec.ModalitySpec modality = modalities.get(m);
            String at = "modalities[" + m + "]";
            if (modality == null) {
                problems.add(new FieldProblem(at, "is required: {name, columns, encoder}"));
                columns.add(new int[0]);
                continue;
            }
            List<String> entries = modality.columns() == null ? List.of() : modality.columns();
            List<Integer> mine = new ArrayList<>();
            for (int e = 0; e < entries.size(); e++) {
                String field = at + ".columns[" + e + "]";
                int[] range = entry(entries.get(e), byName, featureNames.size(), field, problems);
                for (int c = range[0]; c <= range[1]; c++) {
                    if (claimedBy[c] != null) {
                        problems.add(new FieldProblem(field, "column " + c + " (" + featureNames.get(c) + ") is already in "
                                + claimedBy[c] + "; modalities take disjoint columns"));
                        break;
                    }
                    claimedBy[c] = field;
                    mine.add(c);
                }
            }
            columns.add(mine.stream().mapToInt(Integer::intValue).toArray());
        }
        return new ModalityColumns(columns, problems);
    }

    /**
     * The first and last column of one entry; an empty range (first > last) when it names none, with the
     * reason in {@code problems}.
     */
    private static int[] entry(String entry, Map<String, Integer> byName, int width, String field,
                               List<FieldProblem> problems) {
        int[] none = {0, -1};
        if (entry == null) {
            problems.add(new FieldProblem(field, "is required: a feature name, an index or a range such as \"0-13\""));
            return none;
        }
        Integer named = byName.get(entry);
        if (named != null) {
            return new int[] {named, named};
        }
        Matcher range = RANGE.matcher(entry.strip());
        if (!range.matches()) {
            problems.add(new FieldProblem(field, "\"" + entry + "\" is neither a feature name of this dataset nor a "
                    + "zero-based index or inclusive range such as \"0-13\""));
            return none;
        }
        int first = Integer.parseInt(range.group(1));
        int last = range.group(2) == null ? first : Integer.parseInt(range.group(2));
        if (last < first) {
            problems.add(new FieldProblem(field, "the range \"" + entry + "\" ends before it starts"));
            return none;
        }
        if (last >= width) {
            problems.add(new FieldProblem(field, "\"" + entry + "\" is outside the dataset's " + width
                    + " columns (indices 0-" + (width - 1) + ")"));
            return none;
        }
        return new int[] {first, last};
    }

    /** The dataset columns the network reads, in its order: every modality's, one after another. */
    int[] order() {
        return columns.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /** The engine's modalities: names, widths from the resolved columns, branch widths and the training block. */
    Multimodal multimodal(TrainingSpec spec) {
        List<Multimodal.Modality> modalities = new ArrayList<>(columns.size());
        for (int m = 0; m < columns.size(); m++) {
            TrainingSpec.ModalitySpec modality = spec.modalities().get(m);
            modalities.add(new Multimodal.Modality(modality == null ? null : modality.name(), columns.get(m).length,
                    modality == null || modality.encoder() == null ? null : EngineSpecs.widths(modality.encoder())));
        }
        TrainingSpec.MultimodalSpec block = spec.multimodal();
        return new Multimodal(modalities,
                block == null ? Multimodal.DEFAULT_SINGLE_FRACTION : block.singleModalityFraction().floatValue(),
                block == null ? 0f : block.alignment().floatValue());
    }
}
