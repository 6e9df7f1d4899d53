package dev.hourglass.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.Problem;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.table.TableCodec;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;

/**
 * The one model file format, used for storage and export/import. Big-endian framing, float payloads
 * little-endian:
 * <pre>
 * "HGAE" | int version=3 | bytes specJson | int inputDim | ints encoder | ints decoder (count -1 = mirrored)
 *        | utf activation | utf outputActivation | bool tiedWeights
 *        | bool variational [int latentDim | float klWeight | utf likelihood | int samples]   (version 2 on)
 *        | utf codeActivation                                                             (version 2 on)
 *        | int names (-1 = none), then per name: bytes UTF-8                               (version 3 on)
 *        | bool calibrated [utf score | double contamination | double threshold | int rows
 *                           | double p50, p90, p99, p99.9 | int count | double[count] sorted scores]
 *                                                                                         (version 3 on)
 *        | bool typed [int columns | per column: int levels (0: numeric), then each level's bytes UTF-8
 *                      | bytes table codec]                                              (version 4 on)
 *        | bool multimodal [int modalities | per modality: bytes name UTF-8 | int width | ints encoder
 *                           | float singleModalityFraction | float alignment]             (version 4 on)
 *        | bytes normalizer
 *        | int parameterArrays | (int length, float32[length] LE)*
 * </pre>
 * where {@code bytes} is an int length then the bytes and {@code ints} an int count then the values.
 * Files of versions 1 and 2 still read: no feature names, no calibration; version 3: no typed table and
 * no modalities. A typed model's names and codec are per table column; its normalizer is the codec's. A
 * multimodal model's names are its network's inputs, the modalities' columns one after another.
 */
public final class ModelArtifactCodec {

    public static final int FORMAT_VERSION = 4;
    private static final int MAGIC = ('H' << 24) | ('G' << 16) | ('A' << 8) | 'E';

    /**
     * A decoded model file.
     *
     * @param featureNames the training data's column names, or null (files before version 3)
     * @param calibration  the anomaly threshold and scores, or null (not calibrated)
     * @param table        the typed table's columns, or null (a model of plain numbers)
     */
    public record Decoded(String specJson, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                          Calibration calibration, TableColumns table) {
    }

    private ModelArtifactCodec() {
    }

    public static byte[] encode(String specJson, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                                Calibration calibration) {
        return encode(specJson, autoencoder, normalizer, featureNames, calibration, null);
    }

    /** As above, for a model over a typed table ({@code table} non-null; its codec's normalizer is written). */
    public static byte[] encode(String specJson, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                                Calibration calibration, TableColumns table) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            writeBytes(out, specJson.getBytes(StandardCharsets.UTF_8));
            ArchitectureSpec arch = autoencoder.spec();
            out.writeInt(arch.inputDim());
            writeInts(out, arch.encoder());
            writeInts(out, arch.decoder());
            out.writeUTF(arch.activation().name());
            out.writeUTF(arch.outputActivation().name());
            out.writeBoolean(arch.tiedWeights());
            Variational v = arch.variational();
            out.writeBoolean(v != null);
            if (v != null) {
                out.writeInt(v.latentDim());
                out.writeFloat(v.klWeight());
                out.writeUTF(v.likelihood().name());
                out.writeInt(v.samples());
            }
            out.writeUTF(arch.codeActivation().name());
            writeNames(out, featureNames);
            writeCalibration(out, calibration);
            writeTable(out, table);
            writeMultimodal(out, arch.multimodal());
            writeBytes(out, (table == null ? normalizer : table.codec().normalizer()).toBytes());
            List<float[]> parameters = autoencoder.parameters();
            out.writeInt(parameters.size());
            for (float[] p : parameters) {
                out.writeInt(p.length);
                ByteBuffer buffer = ByteBuffer.allocate(p.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(p);
                out.write(buffer.array());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException if the bytes are not a model file of a known version */
    public static Decoded decode(byte[] content) {
        return decode(content, Long.MAX_VALUE);
    }

    /**
     * As above, refusing a network of more than {@code maxParameters} parameters before any is allocated (an
     * import; a stored model was checked when it was trained or imported).
     *
     * @throws IllegalArgumentException if the bytes are not a model file of a known version or the network is larger
     */
    public static Decoded decode(byte[] content, long maxParameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an Hourglass model file");
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IllegalArgumentException("model file version " + version + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            String specJson = new String(readBytes(in), StandardCharsets.UTF_8);
            int inputDim = in.readInt();
            int[] encoder = readInts(in);
            int[] decoder = readInts(in);
            Activation activation = Activation.valueOf(in.readUTF());
            Activation outputActivation = Activation.valueOf(in.readUTF());
            boolean tied = in.readBoolean();
            Variational variational = version >= 2 && in.readBoolean()
                    ? new Variational(in.readInt(), in.readFloat(), Likelihood.valueOf(in.readUTF()), in.readInt())
                    : null;
            Activation codeActivation = version >= 2 ? Activation.valueOf(in.readUTF()) : activation;
            List<String> names = version >= 3 ? readNames(in) : null;
            Calibration calibration = version >= 3 ? readCalibration(in) : null;
            List<List<String>> levels = version >= 4 ? readLevels(in) : null;
            byte[] codecBytes = levels != null ? readBytes(in) : null;
            Multimodal multimodal = version >= 4 ? readMultimodal(in) : null;
            Normalizer normalizer = Normalizer.fromBytes(readBytes(in));
            int columns = levels != null ? levels.size() : inputDim;
            if (normalizer.columns() != inputDim || (names != null && names.size() != columns)) {
                throw new IllegalArgumentException("model file is corrupt: " + inputDim + " inputs, a normalizer of "
                        + normalizer.columns() + " columns" + (names == null ? "" : " and " + names.size() + " names"));
            }
            TableLayout layout = levels == null ? null : TableLayout.of(levels);
            ArchitectureSpec spec = new ArchitectureSpec(inputDim, encoder, decoder, activation, outputActivation, tied,
                    variational, codeActivation, layout, multimodal);
            TableColumns table = null;
            if (layout != null) {
                Problem.require(spec.problems());
                table = new TableColumns(levels, TableCodec.fromBytes(codecBytes, layout));
            }
            checkParameters(spec, in.available(), maxParameters);
            if (calibration != null) {
                Problem.require(Problem.under("calibration", calibration.problems(spec)));
            }
            if (multimodal != null && names == null) {
                throw new IllegalArgumentException("model file is corrupt: a multimodal model needs its column names");
            }
            Autoencoder autoencoder = Autoencoder.forInference(spec);   // read for inference: no gradient arrays
            List<float[]> expected = autoencoder.parameters();
            int count = in.readInt();
            if (count != expected.size()) {
                throw new IllegalArgumentException("model file has " + count + " parameter arrays, its network "
                        + expected.size());
            }
            for (float[] p : expected) {
                int length = in.readInt();
                if (length != p.length) {
                    throw new IllegalArgumentException("model file is corrupt (a parameter array of " + length
                            + " values where its network has " + p.length + ")");
                }
                byte[] raw = in.readNBytes(length * Float.BYTES);
                if (raw.length != length * Float.BYTES) {
                    throw new IllegalArgumentException("model file is truncated");
                }
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(p);
            }
            return new Decoded(specJson, autoencoder, table == null ? normalizer : table.codec().normalizer(), names,
                    calibration, table);
        } catch (IOException e) {
            throw new IllegalArgumentException("model file is truncated or corrupt", e);
        }
    }

    /** SHA-256 over every parameter array as little-endian float32, in {@link Autoencoder#parameters()} order. */
    public static String weightsSha256(Autoencoder autoencoder) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (float[] p : autoencoder.parameters()) {
                ByteBuffer buffer = ByteBuffer.allocate(p.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(p);
                digest.update(buffer.array());
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid network whose parameters the rest of the file can hold (4 bytes each), checked before any is
     * allocated: a few corrupt header bytes must not make the reader allocate gigabytes.
     */
    private static void checkParameters(ArchitectureSpec spec, int bytesLeft, long maxParameters) {
        Problem.require(spec.problems());
        long parameters;
        try {
            parameters = spec.parameterCount();
        } catch (ArithmeticException e) {
            parameters = Long.MAX_VALUE;
        }
        if (parameters > maxParameters) {
            throw new IllegalArgumentException("its network has " + parameters + " parameters, more than the "
                    + maxParameters + " of hourglass.limits.max-parameters");
        }
        if (parameters > bytesLeft / Float.BYTES) {
            throw new IllegalArgumentException("model file is truncated or corrupt: its network has " + parameters
                    + " parameters and " + bytesLeft + " bytes are left");
        }
    }

    private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
        if (names == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(names.size());
        for (String name : names) {
            writeBytes(out, name.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readNames(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        return readStrings(in, n);
    }

    /** {@code n} strings, each its UTF-8 bytes, when the rest of the file can hold them. */
    private static List<String> readStrings(DataInputStream in, int n) throws IOException {
        List<String> strings = new ArrayList<>(checkedCount(in, n, Integer.BYTES));
        for (int i = 0; i < n; i++) {
            strings.add(new String(readBytes(in), StandardCharsets.UTF_8));
        }
        return strings;
    }

    private static void writeTable(DataOutputStream out, TableColumns table) throws IOException {
        out.writeBoolean(table != null);
        if (table == null) {
            return;
        }
        out.writeInt(table.columns());
        for (List<String> levels : table.levels()) {
            out.writeInt(levels == null ? 0 : levels.size());
            for (String level : levels == null ? List.<String>of() : levels) {
                writeBytes(out, level.getBytes(StandardCharsets.UTF_8));
            }
        }
        writeBytes(out, table.codec().toBytes());
    }

    /** Per column null or its levels; null for a model of plain numbers. */
    private static List<List<String>> readLevels(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int columns = checkedCount(in, in.readInt(), Integer.BYTES);
        if (columns == 0) {
            throw new IllegalArgumentException("model file is corrupt (a typed table of no columns)");
        }
        List<List<String>> levels = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            int count = in.readInt();
            levels.add(count == 0 ? null : readStrings(in, count));
        }
        return levels;
    }

    private static void writeMultimodal(DataOutputStream out, Multimodal multimodal) throws IOException {
        out.writeBoolean(multimodal != null);
        if (multimodal == null) {
            return;
        }
        out.writeInt(multimodal.count());
        for (Multimodal.Modality m : multimodal.modalities()) {
            writeBytes(out, m.name().getBytes(StandardCharsets.UTF_8));
            out.writeInt(m.width());
            writeInts(out, m.encoder());
        }
        out.writeFloat(multimodal.singleModalityFraction());
        out.writeFloat(multimodal.alignment());
    }

    /** The network's modalities, or null for one modality; checked with the rest of the network's shape. */
    private static Multimodal readMultimodal(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int count = checkedCount(in, in.readInt(), 3 * Integer.BYTES);
        List<Multimodal.Modality> modalities = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            String name = new String(readBytes(in), StandardCharsets.UTF_8);
            int width = in.readInt();
            int[] encoder = readInts(in);
            modalities.add(new Multimodal.Modality(name, width, encoder));
        }
        return new Multimodal(modalities, in.readFloat(), in.readFloat());
    }

    private static void writeCalibration(DataOutputStream out, Calibration c) throws IOException {
        out.writeBoolean(c != null);
        if (c == null) {
            return;
        }
        out.writeUTF(c.score().name());
        out.writeDouble(c.contamination());
        out.writeDouble(c.threshold());
        out.writeInt(c.rows());
        Calibration.Quantiles q = c.quantiles();
        for (double v : new double[] {q.p50(), q.p90(), q.p99(), q.p999()}) {
            out.writeDouble(v);
        }
        double[] scores = c.sortedScores();
        out.writeInt(scores.length);
        for (double v : scores) {
            out.writeDouble(v);
        }
    }

    private static Calibration readCalibration(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        AnomalyScore score = AnomalyScore.valueOf(in.readUTF());
        double contamination = in.readDouble();
        double threshold = in.readDouble();
        int rows = in.readInt();
        Calibration.Quantiles q = new Calibration.Quantiles(in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble());
        int count = checkedCount(in, in.readInt(), Double.BYTES);
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = in.readDouble();
        }
        return new Calibration(score, contamination, threshold, rows, q, scores);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = checkedCount(in, in.readInt(), 1);
        byte[] b = in.readNBytes(length);
        if (b.length != length) {
            throw new IllegalArgumentException("model file is truncated");
        }
        return b;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        int[] values = new int[checkedCount(in, n, Integer.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    /** {@code n} items of at least {@code bytesEach} bytes, when the rest of the file can hold them. */
    private static int checkedCount(DataInputStream in, int n, int bytesEach) throws IOException {
        if (n < 0 || (long) n * bytesEach > in.available()) {
            throw new IllegalArgumentException("model file is truncated or corrupt (a count of " + n + ")");
        }
        return n;
    }
}
