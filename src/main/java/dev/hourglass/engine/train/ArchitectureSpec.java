package dev.hourglass.engine.train;

import java.util.Arrays;

import dev.hourglass.engine.layer.Activation;

/**
 * The shape of an autoencoder.
 *
 * @param inputDim         features per row; also the width of the last layer
 * @param encoder          hidden widths of the encoder, the last one being the code width
 * @param decoder          hidden widths after the code; null means the mirror of the encoder without
 *                         the code (encoder [256, 64] gives decoder [256])
 * @param activation       applied to every hidden layer, the code layer included
 * @param outputActivation applied to the last layer
 * @param tiedWeights      decoder layer i uses the transpose of the mirrored encoder weight (requires
 *                         the mirrored decoder); every layer keeps its own bias
 */
public record ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                               Activation outputActivation, boolean tiedWeights) {

    public ArchitectureSpec {
        if (inputDim <= 0) {
            throw new IllegalArgumentException("inputDim must be positive: " + inputDim);
        }
        if (encoder == null || encoder.length == 0) {
            throw new IllegalArgumentException("encoder needs at least the code width");
        }
        encoder = encoder.clone();
        decoder = decoder == null ? null : decoder.clone();
        checkWidths("encoder", encoder);
        if (decoder != null) {
            checkWidths("decoder", decoder);
        }
        if (activation == null || outputActivation == null) {
            throw new IllegalArgumentException("activation and outputActivation are required");
        }
        if (tiedWeights && decoder != null && !Arrays.equals(decoder, mirror(encoder))) {
            throw new IllegalArgumentException("tiedWeights needs the mirrored decoder " + Arrays.toString(mirror(encoder))
                    + ", got " + Arrays.toString(decoder));
        }
    }

    private static void checkWidths(String name, int[] widths) {
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException(name + " widths must be positive: " + Arrays.toString(widths));
            }
        }
    }

    private static int[] mirror(int[] encoder) {
        int[] d = new int[encoder.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = encoder[encoder.length - 2 - i];
        }
        return d;
    }

    @Override
    public int[] encoder() {
        return encoder.clone();
    }

    @Override
    public int[] decoder() {
        return decoder == null ? null : decoder.clone();
    }

    /** The decoder's hidden widths with the mirror default applied. */
    public int[] resolvedDecoder() {
        return decoder == null ? mirror(encoder) : decoder.clone();
    }

    /** The code width: the last encoder width. */
    public int codeDim() {
        return encoder[encoder.length - 1];
    }

    /** Widths of every layer boundary: inputDim, encoder…, decoder…, inputDim. */
    public int[] widths() {
        int[] dec = resolvedDecoder();
        int[] w = new int[2 + encoder.length + dec.length];
        w[0] = inputDim;
        System.arraycopy(encoder, 0, w, 1, encoder.length);
        System.arraycopy(dec, 0, w, 1 + encoder.length, dec.length);
        w[w.length - 1] = inputDim;
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchitectureSpec s && inputDim == s.inputDim && Arrays.equals(encoder, s.encoder)
                && Arrays.equals(decoder, s.decoder) && activation == s.activation
                && outputActivation == s.outputActivation && tiedWeights == s.tiedWeights;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(encoder) + Arrays.hashCode(decoder)) + inputDim + activation.hashCode()
                + 7 * outputActivation.hashCode() + (tiedWeights ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ArchitectureSpec[inputDim=" + inputDim + ", encoder=" + Arrays.toString(encoder) + ", decoder="
                + Arrays.toString(decoder) + ", activation=" + activation + ", outputActivation=" + outputActivation
                + ", tiedWeights=" + tiedWeights + "]";
    }
}
