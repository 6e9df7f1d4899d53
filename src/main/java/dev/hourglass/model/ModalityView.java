package dev.hourglass.model;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.spec.Multimodal;
import io.swagger.v3.oas.annotations.media.Schema;

/** One modality of a multimodal model as its view shows it: its name, its columns in the network's order, their count. */
@Schema(description = "A modality of a multimodal model: its columns, in the order the network reads them")
public record ModalityView(
        @Schema(example = "left") String name,
        @Schema(description = "Feature names of the training dataset, in the network's order") List<String> columns,
        @Schema(description = "Number of columns", example = "392") int width) {

    /** The modalities of {@code multimodal} over the network's inputs, named by {@code names} (null: col0, col1, …). */
    static List<ModalityView> of(Multimodal multimodal, List<String> names) {
        int[] offsets = multimodal.offsets();
        List<ModalityView> views = new ArrayList<>(multimodal.count());
        for (int m = 0; m < multimodal.count(); m++) {
            List<String> columns = new ArrayList<>(offsets[m + 1] - offsets[m]);
            for (int c = offsets[m]; c < offsets[m + 1]; c++) {
                columns.add(names == null ? "col" + c : names.get(c));
            }
            views.add(new ModalityView(multimodal.modalities().get(m).name(), columns, columns.size()));
        }
        return views;
    }
}
