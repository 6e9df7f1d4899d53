package dev.hourglass.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.support.TwoViewModel;
import dev.hourglass.support.TypedModel;
import org.junit.jupiter.api.Test;

/**
 * Whether a dataset fits a model, and its rows in the model's terms: by position for plain and typed models (a
 * typed model's levels by name), by name for a multimodal model.
 */
class ModelInputsTests {

    private static final List<String> ABC = List.of("a", "b", "c");

    /** 3 → 2 → 3, ZSCORE fitted on three rows, columns a, b, c. */
    private static LoadedModel plain() {
        ArchitectureSpec spec = new ArchitectureSpec(3, new int[] {2}, null, Activation.TANH, Activation.LINEAR, false);
        float[] fit = {1, 10, 100, 2, 20, 300, 3, 60, 200};
        return new LoadedModel(UUID.randomUUID(), Autoencoder.initialize(spec, 7),
                Normalizer.fit(Normalization.ZSCORE, fit, 3, 3), ABC, null);
    }

    private static List<ModelInputs.Column> numbers(String... names) {
        return Arrays.stream(names).map(n -> new ModelInputs.Column(n, false, false)).toList();
    }

    private static List<ModelInputs.Column> typedColumns(List<String> names, boolean[] categorical, boolean[] missing) {
        List<ModelInputs.Column> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            out.add(new ModelInputs.Column(names.get(c), categorical[c], missing[c]));
        }
        return out;
    }

    @Test
    void aPlainModelTakesAsManyColumnsOfNumbersNotItsOwnInAnotherOrder() {
        LoadedModel model = plain();

        assertThat(ModelInputs.misfit(model, numbers("a", "b", "c"))).isNull();
        assertThat(ModelInputs.misfit(model, numbers("x", "y", "z"))).isNull();
        assertThat(ModelInputs.renamed(model, List.of("x", "y", "z"))).isEqualTo("The dataset's column names are not "
                + "the model's (column 0 is 'x' where the model has 'a'); its rows are read by position");
        assertThat(ModelInputs.renamed(model, ABC)).isNull();
        assertThat(ModelInputs.misfit(model, numbers("a", "b"))).isEqualTo("the dataset has 2 columns; the model takes 3");
        assertThat(ModelInputs.misfit(model, numbers("a", "c", "b"))).isEqualTo("the dataset has the model's columns in "
                + "another order (column 1 is 'c' where the model has 'b'); rows are read by position, so put them in "
                + "the model's order");
        assertThat(ModelInputs.misfit(model, typedColumns(ABC, new boolean[3], new boolean[] {false, true, false})))
                .isEqualTo("the model was trained on plain numbers; this dataset has categorical columns or missing cells");
    }

    @Test
    void aTypedModelTakesItsColumnTypesByPosition() {
        LoadedModel model = TypedModel.get();   // x1, region, x2, x3, tier, x4
        List<String> names = model.featureNames();
        boolean[] categorical = {false, true, false, false, true, false};

        assertThat(ModelInputs.misfit(model, typedColumns(names, categorical, new boolean[6]))).isNull();
        assertThat(ModelInputs.misfit(model, typedColumns(names, new boolean[] {false, true, true, false, true, false},
                new boolean[6]))).isEqualTo("column 2 ('x2') is categorical in the dataset and numeric in the model");
        assertThat(ModelInputs.misfit(model, numbers(names.toArray(String[]::new))))
                .isEqualTo("the model has categorical columns; this dataset has numbers only");
    }

    @Test
    void aTypedModelReadsLevelsByNameAndAnUnseenLevelAsMissing() {
        LoadedModel model = TypedModel.get();
        // the dataset's own levels: region [north, purple] (codes 0, 1), tier [gold] (code 0)
        List<List<String>> levels = Arrays.asList(null, List.of("north", "purple"), null, null, List.of("gold"), null);
        float[] features = {1.5f, 0, 2, 3, 0, 4,
                            5.5f, 1, 6, 7, 0, 8,
                            9.5f, 0, 0, 11, 0, 12};
        boolean[] missing = new boolean[18];
        missing[14] = true;   // row 2's x2
        ModelInputs.Source source = new ModelInputs.Source(3, 6, features, model.featureNames(), levels, missing);

        ModelInputs.Input input = ModelInputs.read(model, source, new int[] {2, 1});

        assertThat(input.count()).isEqualTo(2);
        assertThat(input.width()).isEqualTo(6);
        // the model's regions are east, north, south, west: north is 1; purple is not one of them
        assertThat(input.values()).containsExactly(9.5f, 1, 0, 11, 0, 12, 5.5f, 0, 6, 7, 0, 8);
        assertThat(input.missing()).containsExactly(false, false, true, false, false, false,
                false, true, false, false, false, false);
        float[] expected = model.autoencoder().encode(model.table().codec().encode(input.values().clone(),
                input.missing(), 2), 2);
        assertThat(ModelInputs.codes(model, input)).containsExactly(expected);
    }

    @Test
    void aMultimodalModelReadsItsColumnsByNameAmongOthers() {
        LoadedModel model = TwoViewModel.get();
        List<String> names = new ArrayList<>(TwoViewModel.columns());
        java.util.Collections.reverse(names);
        names.add(3, "id");
        List<ModelInputs.Column> columns = numbers(names.toArray(String[]::new));

        assertThat(ModelInputs.misfit(model, columns)).isNull();
        assertThat(ModelInputs.renamed(model, names)).isNull();
        assertThat(ModelInputs.misfit(model, numbers("a0", "a1"))).isEqualTo("the dataset has no column 'a2', which the "
                + "model's modalities read");
        List<ModelInputs.Column> gaps = new ArrayList<>(columns);
        gaps.set(0, new ModelInputs.Column(names.get(0), false, true));
        assertThat(ModelInputs.misfit(model, gaps)).isEqualTo("column 'b7' is categorical or has missing cells; a "
                + "multimodal model reads numbers");

        // one row: column i of the dataset holds 100 + i
        float[] row = new float[names.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = 100 + c;
        }
        ModelInputs.Input input = ModelInputs.read(model, new ModelInputs.Source(1, row.length, row, names, null, null));
        assertThat(input.columns()).isEqualTo(TwoViewModel.columns());
        for (int i = 0; i < input.width(); i++) {
            assertThat(input.values()[i]).isEqualTo(100 + names.indexOf(TwoViewModel.columns().get(i)));
        }
        assertThat(input.missing()).isNull();
    }

    @Test
    void aPlainModelsCodesAreItsEncodingOfTheNormalizedRows() {
        LoadedModel model = plain();
        float[] features = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ModelInputs.Source source = new ModelInputs.Source(3, 3, features, ABC, null, null);

        ModelInputs.Input all = ModelInputs.read(model, source);
        assertThat(all.values()).as("every row is the source's own array").isSameAs(features);
        ModelInputs.Input last = all.range(2, 1);
        assertThat(last.values()).containsExactly(7, 8, 9);

        ModelInputs.Input picked = ModelInputs.read(model, source, new int[] {2, 0});
        assertThat(picked.values()).containsExactly(7, 8, 9, 1, 2, 3);
        float[] normalized = {7, 8, 9, 1, 2, 3};
        model.normalizer().applyInPlace(normalized, 2);
        float[] expected = model.autoencoder().encode(normalized, 2);
        assertThat(ModelInputs.codes(model, picked)).containsExactly(expected);
        assertThat(features).as("the source is untouched").containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
