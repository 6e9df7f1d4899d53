package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.layer.Activation;

/**
 * The shape of an autoencoder.
 *
 * @param inputDim         features per row; also the width of the last layer
 * @param encoder          hidden widths of the encoder, the last one being the code width
 * @param decoder          hidden widths after the code; null means the mirror of the encoder without
 *                         the code (encoder [256, 64] gives decoder [256])
 * @param activation       applied to every hidden layer (the code layer too, unless codeActivation says otherwise)
 * @param outputActivation applied to the last layer
 * @param codeActivation   applied to the code layer, the encoder's last (null: {@code activation}); e.g. a
 *                         SIGMOID code under RELU hidden layers, as the KL sparsity penalty needs
 * @param tiedWeights      decoder layer i uses the transpose of the mirrored encoder weight (requires
 *                         the mirrored decoder); every layer keeps its own bias
 * @param variational      null for a deterministic autoencoder. Otherwise {@code encoder} lists only the
 *                         hidden widths, a linear head maps the last one to 2·latentDim (μ | log σ²), and
 *                         the decoder mirrors the hidden widths: latent → reverse(encoder) → input (encoder
 *                         [256], latentDim 32 is 784-256-(μ32|logvar32), 32-256-784). Tied weights do not
 *                         apply; a given decoder must equal reverse(encoder).
 * @param table            null for rows of plain numbers; else how a typed table's columns lie in the input
 *                         and output ({@code inputDim} is its width): categorical blocks are decoded by a
 *                         softmax, {@code outputActivation} applies to the numeric positions, and the
 *                         reconstruction scores observed cells only
 * @param multimodal       null for one modality; else the modalities whose columns make up the input, in
 *                         order: the first {@code multimodal.depth()} encoder widths are their branches'
 *                         widths side by side (block-diagonal layers, mirrored by the last decoder layers),
 *                         the rest the shared encoder ({@link Multimodal#encoderWidths})
 */
public record ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                               Activation outputActivation, boolean tiedWeights, Variational variational,
                               Activation codeActivation, TableLayout table, Multimodal multimodal) {

    public ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                            Activation outputActivation, boolean tiedWeights, Variational variational,
                            Activation codeActivation, TableLayout table) {
        this(inputDim, encoder, decoder, activation, outputActivation, tiedWeights, variational, codeActivation, table,
                null);
    }

    public ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                            Activation outputActivation, boolean tiedWeights, Variational variational,
                            Activation codeActivation) {
        this(inputDim, encoder, decoder, activation, outputActivation, tiedWeights, variational, codeActivation, null,
                null);
    }

    public ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                            Activation outputActivation, boolean tiedWeights) {
        this(inputDim, encoder, decoder, activation, outputActivation, tiedWeights, null, null, null, null);
    }

    public ArchitectureSpec(int inputDim, int[] encoder, int[] decoder, Activation activation,
                            Activation outputActivation, boolean tiedWeights, Variational variational) {
        this(inputDim, encoder, decoder, activation, outputActivation, tiedWeights, variational, null, null, null);
    }

    public ArchitectureSpec {
        encoder = encoder == null ? new int[0] : encoder.clone();
        decoder = decoder == null ? null : decoder.clone();
        if (codeActivation == null) {
            codeActivation = activation;
        }
    }

    /** Everything wrong with this shape, by field ("encoder[1]", "tiedWeights", "variational.latentDim", …). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (inputDim <= 0) {
            p.add(new Problem("inputDim", "must be positive, got " + inputDim));
        }
        if (table != null && table.width() != inputDim) {
            p.add(new Problem("inputDim", "the table's columns take " + table.width() + " inputs, got " + inputDim));
        }
        if (multimodal != null) {
            p.addAll(multimodalProblems());
        }
        if (encoder.length == 0) {
            p.add(new Problem("encoder", "needs at least the code width"));
        }
        widthProblems("encoder", encoder, p);
        if (decoder != null) {
            widthProblems("decoder", decoder, p);
        }
        if (activation == null) {
            p.add(new Problem("activation", "is required"));
        }
        if (outputActivation == null) {
            p.add(new Problem("outputActivation", "is required"));
        }
        if (variational != null) {
            p.addAll(Problem.under("variational", variational.problems()));
            if (codeActivation != activation) {
                p.add(new Problem("codeActivation", "does not apply to a variational autoencoder (its code is μ)"));
            }
            if (tiedWeights) {
                p.add(new Problem("tiedWeights", "do not apply to a variational autoencoder"));
            }
            if (decoder != null && !Arrays.equals(decoder, reverse(encoder))) {
                p.add(new Problem("decoder", "a variational decoder mirrors the hidden widths "
                        + Arrays.toString(reverse(encoder)) + ", got " + Arrays.toString(decoder)));
            }
        } else if (tiedWeights && encoder.length > 0 && decoder != null && !Arrays.equals(decoder, mirror(encoder))) {
            p.add(new Problem("tiedWeights", "tied weights need the mirrored decoder " + Arrays.toString(mirror(encoder))
                    + ", got " + Arrays.toString(decoder)));
        }
        return p;
    }

    private List<Problem> multimodalProblems() {
        List<Problem> p = new ArrayList<>(Problem.under("multimodal", multimodal.problems()));
        if (!p.isEmpty()) {
            return p;
        }
        if (multimodal.inputDim() != inputDim) {
            p.add(new Problem("inputDim", "the modalities have " + multimodal.inputDim() + " columns, got " + inputDim));
        }
        int depth = multimodal.depth();
        if (encoder.length <= depth) {
            p.add(new Problem("encoder", "a multimodal network needs the shared encoder's widths after its branches"));
        } else {
            int[] branches = multimodal.encoderWidths(new int[0]);
            if (!Arrays.equals(Arrays.copyOf(encoder, depth), branches)) {
                p.add(new Problem("encoder", "its first " + depth + " widths must be the branches' widths side by side "
                        + Arrays.toString(branches) + ", got " + Arrays.toString(encoder)));
            }
        }
        if (variational != null) {
            p.add(new Problem("variational", "a multimodal autoencoder is deterministic; variational multimodal models "
                    + "are not available"));
        }
        if (table != null) {
            p.add(new Problem("table", "a multimodal autoencoder takes numeric columns; typed tables are not available"));
        }
        if (decoder != null && encoder.length > 0 && !Arrays.equals(decoder, mirror(encoder))) {
            p.add(new Problem("decoder", "a multimodal decoder mirrors the encoder back to every modality"));
        }
        return p;
    }

    private static void widthProblems(String field, int[] widths, List<Problem> p) {
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] <= 0) {
                p.add(new Problem(field + "[" + i + "]", "must be a positive width, got " + widths[i]));
            }
        }
    }

    /**
     * Weights and biases of every dense layer (tied decoder layers add only their biases); the same
     * count as the built network's parameters. Only for a spec without {@link #problems()}.
     *
     * @throws ArithmeticException when the count does not fit a long (widths no valid network has)
     */
    public long parameterCount() {
        int[] w = widths();
        int encoderLayers = encoder.length + (variational != null ? 1 : 0);
        long count = 0;
        for (int l = 0; l + 1 < w.length; l++) {
            if (variational != null && l == encoderLayers) {
                continue;   // head (2k) → latent (k) is the sampling step, not a layer
            }
            boolean tied = tiedWeights && l >= encoderLayers;
            count = Math.addExact(count, (tied ? 0L : (long) w[l] * w[l + 1]) + w[l + 1]);
        }
        return count;
    }

    /** The widest layer boundary (input and output included); only for a spec without {@link #problems()}. */
    public int widest() {
        return Arrays.stream(widths()).max().orElse(0);
    }

    private static int[] mirror(int[] encoder) {
        int[] d = new int[encoder.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = encoder[encoder.length - 2 - i];
        }
        return d;
    }

    private static int[] reverse(int[] widths) {
        int[] r = new int[widths.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = widths[widths.length - 1 - i];
        }
        return r;
    }

    public boolean isVariational() {
        return variational != null;
    }

    /** This shape over a typed table's columns (null: plain numbers). */
    public ArchitectureSpec withTable(TableLayout layout) {
        return new ArchitectureSpec(layout == null ? inputDim : layout.width(), encoder, decoder, activation,
                outputActivation, tiedWeights, variational, codeActivation, layout, multimodal);
    }

    @Override
    public int[] encoder() {
        return encoder.clone();
    }

    @Override
    public int[] decoder() {
        return decoder == null ? null : decoder.clone();
    }

    /** The default decoder: the encoder's widths without the code, reversed (variational: reverse(encoder)). */
    public int[] mirroredDecoder() {
        return variational != null ? reverse(encoder) : mirror(encoder);
    }

    /** The decoder's hidden widths with the mirror default applied (variational: reverse(encoder)). */
    public int[] resolvedDecoder() {
        if (decoder != null) {
            return decoder.clone();
        }
        return variational != null ? reverse(encoder) : mirror(encoder);
    }

    /** The code width: the last encoder width, or latentDim for a variational autoencoder. */
    public int codeDim() {
        return variational != null ? variational.latentDim() : encoder[encoder.length - 1];
    }

    /**
     * Widths of every layer boundary: inputDim, encoder…, decoder…, inputDim. For a variational
     * autoencoder: inputDim, encoder…, 2·latentDim (the head), then latentDim, decoder…, inputDim; the
     * decoder starts from latentDim, not from the head's width.
     */
    public int[] widths() {
        if (variational != null) {
            int[] dec = resolvedDecoder();
            int[] w = new int[3 + encoder.length + dec.length + 1];
            w[0] = inputDim;
            System.arraycopy(encoder, 0, w, 1, encoder.length);
            w[1 + encoder.length] = 2 * variational.latentDim();
            w[2 + encoder.length] = variational.latentDim();
            System.arraycopy(dec, 0, w, 3 + encoder.length, dec.length);
            w[w.length - 1] = inputDim;
            return w;
        }
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
                && outputActivation == s.outputActivation && tiedWeights == s.tiedWeights
                && java.util.Objects.equals(variational, s.variational) && codeActivation == s.codeActivation
                && java.util.Objects.equals(table, s.table) && java.util.Objects.equals(multimodal, s.multimodal);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputDim, Arrays.hashCode(encoder), Arrays.hashCode(decoder), activation,
                outputActivation, tiedWeights, variational, codeActivation, table, multimodal);
    }

    @Override
    public String toString() {
        return "ArchitectureSpec[inputDim=" + inputDim + ", encoder=" + Arrays.toString(encoder) + ", decoder="
                + Arrays.toString(decoder) + ", activation=" + activation + ", outputActivation=" + outputActivation
                + ", tiedWeights=" + tiedWeights + ", variational=" + variational + ", codeActivation=" + codeActivation + (table == null ? "" : ", table=" + table)
                + (multimodal == null ? "" : ", multimodal=" + multimodal) + "]";
    }
}
