package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The modalities of a multimodal autoencoder (Ngiam et al. 2011). The network's input is the
 * modalities' columns one after another, in this order; each modality has its own encoder branch of
 * the same depth, their codes are concatenated and go through the shared encoder to the shared code,
 * and the decoder mirrors it all back, one branch per modality. The branch layers are block-diagonal
 * dense layers: no weight connects one modality's branch to another's.
 *
 * @param modalities             two or more, with unique names
 * @param singleModalityFraction the share of training rows presented with one modality alone (the
 *                               others zeroed), the modality chosen uniformly; the rest see all
 * @param alignment              λ of the correlation term between the shared codes of each modality
 *                               alone (CorrNet); 0 for none
 */
public record Multimodal(List<Modality> modalities, float singleModalityFraction, float alignment) {

    /** The default share of rows presented with one modality alone: Ngiam's two of three presentations. */
    public static final float DEFAULT_SINGLE_FRACTION = 2f / 3f;
    /** The widest a layer of concatenated modalities or branches may be: its sums stay far from int overflow. */
    public static final int MAX_TOTAL_WIDTH = 1 << 24;

    /**
     * One modality: its name, its width (columns) and its branch's encoder widths, input to branch code.
     */
    public record Modality(String name, int width, int[] encoder) {

        public Modality {
            encoder = encoder == null ? new int[0] : encoder.clone();
        }

        @Override
        public int[] encoder() {
            return encoder.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Modality m && name.equals(m.name) && width == m.width && Arrays.equals(encoder, m.encoder);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + width * 7 + Arrays.hashCode(encoder);
        }

        @Override
        public String toString() {
            return name + "(" + width + " → " + Arrays.toString(encoder) + ")";
        }
    }

    public Multimodal {
        modalities = List.copyOf(modalities);
    }

    /** Everything wrong with these modalities, by field ("modalities[1].encoder", "singleModalityFraction", …). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (modalities.size() < 2) {
            p.add(new Problem("modalities", "a multimodal autoencoder needs at least two modalities, got "
                    + modalities.size()));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < modalities.size(); i++) {
            Modality m = modalities.get(i);
            String at = "modalities[" + i + "]";
            if (m.name() == null || m.name().isBlank()) {
                p.add(new Problem(at + ".name", "is required"));
            } else if (!names.add(m.name())) {
                p.add(new Problem(at + ".name", "\"" + m.name() + "\" names another modality too"));
            }
            if (m.width() <= 0) {
                p.add(new Problem(at + ".columns", "must name at least one column"));
            }
            if (m.encoder().length == 0) {
                p.add(new Problem(at + ".encoder", "needs at least the branch's code width"));
            } else if (m.encoder().length != modalities.get(0).encoder().length) {
                p.add(new Problem(at + ".encoder", "every branch has the same depth: modalities[0] has "
                        + modalities.get(0).encoder().length + " layers, this one " + m.encoder().length));
            }
            for (int j = 0; j < m.encoder().length; j++) {
                if (m.encoder()[j] <= 0) {
                    p.add(new Problem(at + ".encoder[" + j + "]", "must be a positive width, got " + m.encoder()[j]));
                }
            }
        }
        if (p.isEmpty()) {
            for (int j = 0; j <= depth(); j++) {
                long total = 0;
                for (Modality m : modalities) {
                    total += j == 0 ? m.width() : m.encoder()[j - 1];
                }
                if (total > MAX_TOTAL_WIDTH) {
                    p.add(new Problem(j == 0 ? "modalities" : "modalities[0].encoder[" + (j - 1) + "]", "the modalities'"
                            + (j == 0 ? " columns" : " branch widths") + " add up to " + total + "; at most "
                            + MAX_TOTAL_WIDTH + " fit a layer"));
                }
            }
        }
        if (!(singleModalityFraction >= 0 && singleModalityFraction <= 1)) {
            p.add(new Problem("singleModalityFraction", "must be in [0, 1], got " + singleModalityFraction));
        }
        if (!(alignment >= 0) || !Float.isFinite(alignment)) {
            p.add(new Problem("alignment", "must be 0 or more, got " + alignment));
        }
        return p;
    }

    public int count() {
        return modalities.size();
    }

    /** Layers of every branch. */
    public int depth() {
        return modalities.get(0).encoder().length;
    }

    /** The network's input width: every modality's columns. */
    public int inputDim() {
        return modalities.stream().mapToInt(Modality::width).sum();
    }

    /** Where each modality's columns start in a row, and the row's width after the last: count() + 1 values. */
    public int[] offsets() {
        int[] o = new int[modalities.size() + 1];
        for (int i = 0; i < modalities.size(); i++) {
            o[i + 1] = o[i] + modalities.get(i).width();
        }
        return o;
    }

    /**
     * The widths of branch boundary {@code j} per modality: j = 0 the modalities' columns, j ≥ 1 the
     * outputs of branch layer j − 1.
     */
    public int[] blocks(int j) {
        return modalities.stream().mapToInt(m -> j == 0 ? m.width() : m.encoder()[j - 1]).toArray();
    }

    /** The encoder widths of the whole network: the concatenated branch widths layer by layer, then {@code shared}. */
    public int[] encoderWidths(int[] shared) {
        int[] w = new int[depth() + shared.length];
        for (int j = 0; j < depth(); j++) {
            w[j] = Arrays.stream(blocks(j + 1)).sum();
        }
        System.arraycopy(shared, 0, w, depth(), shared.length);
        return w;
    }

    /** The modality named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < modalities.size(); i++) {
            if (modalities.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
