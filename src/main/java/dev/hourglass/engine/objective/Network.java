package dev.hourglass.engine.objective;

import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.Variational;

/**
 * The layers an objective's terms attach to: the encoder (layers {@code 0 … encoderLayers−1}, the
 * last one being the code, or the (μ | log σ²) head of a variational network) and the decoder after it.
 *
 * @param variational null for a deterministic network
 * @param table       null for plain rows; else the typed table its input and output positions stand for
 * @param multimodal  null for one modality; else the modalities whose columns make up its input
 */
public record Network(Dense[] layers, int encoderLayers, Variational variational, TableLayout table,
                      Multimodal multimodal) {

    /** A network over plain rows. */
    public Network(Dense[] layers, int encoderLayers, Variational variational) {
        this(layers, encoderLayers, variational, null, null);
    }

    public int codeLayer() {
        return encoderLayers - 1;
    }

    public int lastLayer() {
        return layers.length - 1;
    }

    public int inputDim() {
        return layers[0].in();
    }

    /** Draws of z per row: the decoder runs on this many copies of the batch. */
    public int samples() {
        return variational == null ? 1 : variational.samples();
    }

    /** The encoder's layers, input to code. */
    public Dense[] encoder() {
        return java.util.Arrays.copyOf(layers, encoderLayers);
    }
}
