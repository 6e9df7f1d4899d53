package dev.hourglass.dataset.internal;

import java.io.OutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON in the shape {@code POST /api/v1/datasets} takes as a body, so a download uploads again as it is:
 * {@code {"name", "columns", "schema"?, "labelColumn"?, "rows": [[…], …], "labels"?}}, written token by token as
 * the rows are read (numbers as {@link FloatText} writes them, categorical cells as their level's string, missing
 * cells {@code null}). A typed table has {@code schema}, each column's type, so that its level strings that read
 * as numbers stay levels. The labels come after the rows, from a second pass over the stored labels, so that
 * neither has to be held while the other is written.
 */
public final class JsonRowsWriter implements RowsWriter {

    /**
     * The response's stream is the container's to close; and a failure half-way must not close the open arrays,
     * which would turn a cut-off download into a valid-looking document.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public void write(RowsWindow window, OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("name", window.name());
            json.writeArrayPropertyStart("columns");
            for (String name : window.featureNames()) {
                json.writeString(name);
            }
            json.writeEndArray();
            if (window.typed()) {
                json.writeObjectPropertyStart("schema");
                for (int c = 0; c < window.featureNames().size(); c++) {
                    json.writeStringProperty(window.featureNames().get(c),
                            window.levels(c) == null ? "NUMERIC" : "CATEGORICAL");
                }
                json.writeEndObject();
            }
            if (window.labelColumn() != null) {
                json.writeStringProperty("labelColumn", window.labelColumn());
            }
            json.writeArrayPropertyStart("rows");
            FeatureRows rows = window.rows();
            long count = 0;
            while (rows.next()) {
                json.writeStartArray();
                for (int c = 0; c < rows.columns(); c++) {
                    if (rows.isMissing(c)) {
                        json.writeNull();
                    } else if (window.levels(c) != null) {
                        json.writeString(CellText.of(window, c));
                    } else {
                        json.writeNumber(FloatText.of(rows.get(c)));
                    }
                }
                json.writeEndArray();
                count++;
            }
            json.writeEndArray();
            if (window.labels() != null) {
                json.writeArrayPropertyStart("labels");
                for (long i = 0; i < count; i++) {
                    json.writeString(window.labels().next());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }
}
