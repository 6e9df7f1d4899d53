package dev.hourglass.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.table.TableCodec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The model file: what goes in comes out bit for bit, and anything that is not a whole file of a known version is refused. */
class ModelArtifactCodecTests {

    private static final String SPEC_JSON = "{\"name\": \"tiny\", \"variant\": \"BASIC\"}";
    // 4 rows × 5 features, every column with its own range so the normalizer's a and b differ per column
    private static final float[] ROWS = {
            0f, 10f, -1f, 3f, 100f,
            1f, 20f, -2f, 3f, 150f,
            2f, 15f, -4f, 4f, 125f,
            3f, 12f, -3f, 5f, 175f};
    /** Tied weights and a SIGMOID code under RELU hidden layers: every version-2 field differs from its default. */
    private static final ArchitectureSpec TIED = new ArchitectureSpec(5, new int[] {4, 2}, null, Activation.RELU,
            Activation.SIGMOID, true, null, Activation.SIGMOID);
    private static final ArchitectureSpec VARIATIONAL = new ArchitectureSpec(5, new int[] {4}, null, Activation.TANH,
            Activation.LINEAR, false, new Variational(3, 0.5f, Likelihood.GAUSSIAN, 2), null);

    private static Normalizer normalizer() {
        return Normalizer.fit(Normalization.ZSCORE, ROWS, 4, 5);
    }

    /** decode(encode(model)) has the same spec, parameters, normalizer and outputs; the file is canonical. */
    private static void assertRoundTrip(ArchitectureSpec spec) {
        // decode reads the weights into a network built for inference (zeros, or seed 0 before); seed 7 makes a skipped
        // read visible
        Autoencoder net = Autoencoder.initialize(spec, 7L);
        assertThat(ModelArtifactCodec.weightsSha256(net))
                .isNotEqualTo(ModelArtifactCodec.weightsSha256(Autoencoder.initialize(spec, 0L)));
        Normalizer normalizer = normalizer();
        List<String> names = List.of("a", "b", "c", "d", "e");
        Calibration calibration = Calibration.of(new double[] {0.5, 0.1, 0.3, 0.2}, AnomalyScore.MAE, 0.25);
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, net, normalizer, names, calibration);

        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(file);

        assertThat(decoded.specJson()).isEqualTo(SPEC_JSON);
        assertThat(decoded.autoencoder().spec()).isEqualTo(spec);
        assertThat(decoded.autoencoder().gradientValues()).as("gradient values of a model read for inference").isZero();
        List<float[]> expected = net.parameters();
        List<float[]> actual = decoded.autoencoder().parameters();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("parameter array %d", i).containsExactly(expected.get(i));
        }
        assertThat(ModelArtifactCodec.weightsSha256(decoded.autoencoder())).isEqualTo(ModelArtifactCodec.weightsSha256(net));
        assertThat(decoded.normalizer().kind()).isEqualTo(Normalization.ZSCORE);
        assertThat(decoded.normalizer().a()).containsExactly(normalizer.a());
        assertThat(decoded.normalizer().b()).containsExactly(normalizer.b());
        assertThat(decoded.autoencoder().reconstruct(ROWS, 4)).containsExactly(net.reconstruct(ROWS, 4));
        assertThat(decoded.featureNames()).isEqualTo(names);
        assertThat(decoded.calibration()).isEqualTo(calibration);
        assertThat(ModelArtifactCodec.encode(decoded.specJson(), decoded.autoencoder(), decoded.normalizer(),
                decoded.featureNames(), decoded.calibration())).as("re-encoding gives the same bytes").isEqualTo(file);
    }

    @Test
    void aTiedModelWithItsOwnCodeActivationRoundTripsBitForBit() {
        assertRoundTrip(TIED);
    }

    @Test
    void aVariationalModelRoundTripsBitForBit() {
        assertRoundTrip(VARIATIONAL);
    }

    @Test
    void aModelWithAnExplicitDecoderRoundTripsBitForBit() {
        assertRoundTrip(new ArchitectureSpec(5, new int[] {3}, new int[] {6, 4}, Activation.LEAKY_RELU,
                Activation.SIGMOID, false));
    }

    @Test
    void aTypedTableModelKeepsItsLevelsAndCodecAndAnswersBitForBit() {
        // numeric, 3 levels, numeric: 5 network positions; one cell of each kind missing
        Table table = new Table(new TableLayout(new int[] {0, 3, 0}),
                new float[] {1f, 0f, 10f, 2f, 2f, 30f, 4f, 1f, 20f, 3f, 2f, 0f}, 4,
                new boolean[] {false, false, false, true, false, false, false, true, false, false, false, true});
        TableCodec codec = TableCodec.fit(Normalization.MINMAX, table, new int[] {0, 1, 2, 3});
        TableColumns columns = new TableColumns(Arrays.asList(null, List.of("red", "green", "blue"), null), codec);
        Autoencoder net = Autoencoder.initialize(new ArchitectureSpec(1, new int[] {4, 2}, null, Activation.TANH,
                Activation.SIGMOID, false).withTable(table.layout()), 7L);
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, net, codec.normalizer(), List.of("x", "color", "y"), null,
                columns);

        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(file);

        assertThat(decoded.table().levels()).isEqualTo(columns.levels());
        assertThat(decoded.table().codec().fill()).containsExactly(codec.fill());
        assertThat(decoded.autoencoder().spec().table()).isEqualTo(table.layout());
        assertThat(decoded.normalizer().a()).containsExactly(codec.normalizer().a());
        float[] x = codec.encode(table);
        assertThat(decoded.table().codec().encode(table)).containsExactly(x);
        assertThat(decoded.autoencoder().reconstruct(x, 4)).containsExactly(net.reconstruct(x, 4));
        assertThat(ModelArtifactCodec.encode(decoded.specJson(), decoded.autoencoder(), decoded.normalizer(),
                decoded.featureNames(), null, decoded.table())).as("re-encoding gives the same bytes").isEqualTo(file);
    }

    @Test
    void aMultimodalModelKeepsItsModalitiesAndAnswersBitForBit() {
        // modalities of 2 and 3 columns, branches [3] and [2] side by side, then a shared code of 2
        Multimodal mm = new Multimodal(List.of(new Multimodal.Modality("left", 2, new int[] {3}),
                new Multimodal.Modality("right", 3, new int[] {2})), 0.5f, 0.25f);
        ArchitectureSpec spec = new ArchitectureSpec(5, mm.encoderWidths(new int[] {2}), null, Activation.RELU,
                Activation.SIGMOID, false, null, null, null, mm);
        assertRoundTrip(spec);

        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(ModelArtifactCodec.encode(SPEC_JSON,
                Autoencoder.initialize(spec, 7L), normalizer(), List.of("a", "b", "c", "d", "e"), null));
        assertThat(decoded.autoencoder().spec().multimodal()).isEqualTo(mm);
        assertThat(decoded.autoencoder().spec().multimodal().alignment()).isEqualTo(0.25f);
        assertThat(decoded.autoencoder().spec().multimodal().singleModalityFraction()).isEqualTo(0.5f);
    }

    @Test
    void aVersionThreeFileStillReads() {
        Autoencoder net = Autoencoder.initialize(TIED, 7L);
        byte[] v4 = ModelArtifactCodec.encode(SPEC_JSON, net, normalizer(), null, null);
        // version 3 had neither the typed-table nor the multimodal flag: the two bytes before the normalizer's
        // length and magic ("HGNM" little-endian)
        byte[] magic = {0x4D, 0x4E, 0x47, 0x48};
        int at = -1;
        for (int i = 0; i + 4 <= v4.length && at < 0; i++) {
            at = Arrays.equals(Arrays.copyOfRange(v4, i, i + 4), magic) ? i : -1;
        }
        int flags = at - Integer.BYTES - 2;
        assertThat(v4[flags]).isZero();
        assertThat(v4[flags + 1]).isZero();
        byte[] v3 = new byte[v4.length - 2];
        System.arraycopy(v4, 0, v3, 0, flags);
        System.arraycopy(v4, flags + 2, v3, flags, v4.length - flags - 2);
        ByteBuffer.wrap(v3).putInt(4, 3);

        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(v3);

        assertThat(decoded.table()).isNull();
        assertThat(decoded.autoencoder().reconstruct(ROWS, 4)).containsExactly(net.reconstruct(ROWS, 4));
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L), normalizer(), null, null);

        for (int length = 0; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> ModelArtifactCodec.decode(cut)).as("the first %d of %d bytes", length, file.length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFileWithoutTheMagicIsRefused() {
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L), normalizer(), null, null);
        file[0] = 'P';   // "PGAE"

        assertThatThrownBy(() -> ModelArtifactCodec.decode(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an Hourglass model file");
        assertThatThrownBy(() -> ModelArtifactCodec.decode("{\"not\": \"a model\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L), normalizer(), null, null);
        for (int version : new int[] {0, ModelArtifactCodec.FORMAT_VERSION + 1, -1}) {
            ByteBuffer.wrap(file).putInt(4, version);

            assertThatThrownBy(() -> ModelArtifactCodec.decode(file)).as("version %d", version)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("version " + version + " is not supported");
        }
    }

    @Test
    void aParameterArrayOfTheWrongLengthIsRefused() {
        // the same file with one float too few in the last array (its bias of length 5) and the length word to match
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L), normalizer(), null, null);
        byte[] shorter = Arrays.copyOf(file, file.length - Float.BYTES);
        ByteBuffer.wrap(shorter).putInt(shorter.length - 4 * Float.BYTES - Integer.BYTES, 4);

        assertThatThrownBy(() -> ModelArtifactCodec.decode(shorter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a parameter array of 4 values where its network has 5");
    }

    @Test
    void aVersionOneFileDecodesWithTheHiddenActivationOnTheCode() throws IOException {
        ArchitectureSpec spec = new ArchitectureSpec(5, new int[] {4, 2}, null, Activation.TANH, Activation.SIGMOID, false);
        Autoencoder net = Autoencoder.initialize(spec, 7L);
        Normalizer normalizer = normalizer();

        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(versionOne(net, normalizer));

        assertThat(decoded.autoencoder().spec()).isEqualTo(spec);
        assertThat(decoded.autoencoder().spec().codeActivation()).isEqualTo(Activation.TANH);
        assertThat(ModelArtifactCodec.weightsSha256(decoded.autoencoder())).isEqualTo(ModelArtifactCodec.weightsSha256(net));
    }

    /** The version-1 layout, written out field by field: version 2 without the variational block and code activation. */
    private static byte[] versionOne(Autoencoder net, Normalizer normalizer) throws IOException {
        ArchitectureSpec spec = net.spec();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("HGAE");
        out.writeInt(1);
        byte[] json = SPEC_JSON.getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
        out.writeInt(spec.inputDim());
        out.writeInt(spec.encoder().length);
        for (int width : spec.encoder()) {
            out.writeInt(width);
        }
        out.writeInt(-1);   // mirrored decoder
        out.writeUTF(spec.activation().name());
        out.writeUTF(spec.outputActivation().name());
        out.writeBoolean(spec.tiedWeights());
        byte[] norm = normalizer.toBytes();
        out.writeInt(norm.length);
        out.write(norm);
        out.writeInt(net.parameters().size());
        for (float[] p : net.parameters()) {
            out.writeInt(p.length);
            ByteBuffer le = ByteBuffer.allocate(p.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            le.asFloatBuffer().put(p);
            out.write(le.array());
        }
        return bytes.toByteArray();
    }

    /** A version-3 header up to the normalizer: {@code inputs} inputs, one code layer, the given names count. */
    private static DataOutputStream header(ByteArrayOutputStream bytes, int inputs, int code, int names)
            throws IOException {
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x48474145);
        out.writeInt(ModelArtifactCodec.FORMAT_VERSION);
        out.writeInt(2);
        out.writeBytes("{}");
        out.writeInt(inputs);
        out.writeInt(1);
        out.writeInt(code);
        out.writeInt(-1);
        out.writeUTF("RELU");
        out.writeUTF("SIGMOID");
        out.writeBoolean(false);
        out.writeBoolean(false);
        out.writeUTF("RELU");
        out.writeInt(names);
        return out;
    }

    @ParameterizedTest(name = "{0} inputs, a {1}-wide code")
    @CsvSource({"50000, 50000, 5000100000", "10000, 10000, 200020000"})
    void aHeaderDeclaringMoreParametersThanTheFileHoldsIsRefusedBeforeAllocating(int inputs, int code, long parameters)
            throws IOException {
        // a file of a few hundred kilobytes whose header asks for 0.8 or 20 GB of weights (the first beyond any array)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = header(bytes, inputs, code, -1);
        out.writeBoolean(false);   // no calibration
        out.writeBoolean(false);   // not a typed table
        out.writeBoolean(false);   // one modality
        byte[] normalizer = Normalizer.fit(Normalization.NONE, new float[inputs], 1, inputs).toBytes();
        out.writeInt(normalizer.length);
        out.write(normalizer);
        out.writeInt(4);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its network has " + parameters + " parameters and 4 bytes are left");
    }

    @ParameterizedTest(name = "latent width {0}")
    @ValueSource(ints = {1 << 30, Integer.MAX_VALUE, 1_500_000_000})
    void aVariationalHeaderWhoseHeadWidthOverflowsAnIntIsRefusedBeforeAllocating(int latent) throws IOException {
        // 2 × latent wraps to a negative width: the long parameter count went negative and passed the size check
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x48474145);
        out.writeInt(ModelArtifactCodec.FORMAT_VERSION);
        out.writeInt(2);
        out.writeBytes("{}");
        out.writeInt(2);           // inputs
        out.writeInt(1);
        out.writeInt(2);           // one hidden layer of 2
        out.writeInt(-1);          // mirrored decoder
        out.writeUTF("TANH");
        out.writeUTF("LINEAR");
        out.writeBoolean(false);
        out.writeBoolean(true);    // variational
        out.writeInt(latent);
        out.writeFloat(1f);
        out.writeUTF("GAUSSIAN");
        out.writeInt(1);
        out.writeUTF("TANH");
        out.writeInt(-1);          // no names
        out.writeBoolean(false);   // no calibration
        out.writeBoolean(false);   // not a typed table
        out.writeBoolean(false);   // one modality
        byte[] normalizer = Normalizer.fit(Normalization.NONE, new float[2], 1, 2).toBytes();
        out.writeInt(normalizer.length);
        out.write(normalizer);
        out.writeInt(6);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latentDim");
    }

    @Test
    void aHeaderBeyondTheParameterLimitIsRefusedBeforeAllocating() {
        Autoencoder net = Autoencoder.initialize(TIED, 7L);
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, net, normalizer(), null, null);
        assertThat(ModelArtifactCodec.decode(file, net.parameterCount()).autoencoder().parameterCount())
                .isEqualTo(net.parameterCount());
        assertThatThrownBy(() -> ModelArtifactCodec.decode(file, net.parameterCount() - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its network has " + net.parameterCount() + " parameters, more than the "
                        + (net.parameterCount() - 1) + " of hourglass.limits.max-parameters");
    }

    @Test
    void aNameCountBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        header(bytes, 5, 2, 500_000_000).writeInt(0);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a count of 500000000");
    }

    static Stream<Arguments> badCalibrations() {
        Calibration.Quantiles q = new Calibration.Quantiles(0.1, 0.2, 0.3, 0.4);
        return Stream.of(
                Arguments.of(new Calibration(AnomalyScore.LOG_PROBABILITY, 0.01, 0.3, 4, q, new double[] {0.1, 0.2}),
                        "calibration.score: LOG_PROBABILITY needs a variational network"),
                Arguments.of(new Calibration(AnomalyScore.MSE, 0.01, 0.3, 4, q, new double[] {0.2, 0.1}),
                        "calibration.sortedScores: must be finite and ascending (index 1)"),
                Arguments.of(new Calibration(AnomalyScore.MSE, 0.01, 0.3, 4, q, new double[] {0.1, Double.NaN}),
                        "calibration.sortedScores: must be finite and ascending (index 1)"),
                Arguments.of(new Calibration(AnomalyScore.MSE, 0.7, 0.3, 4, q, new double[] {0.1, 0.2}),
                        "calibration.contamination: must be in (0, 0.5]"),
                Arguments.of(new Calibration(AnomalyScore.MSE, 0.01, Double.POSITIVE_INFINITY, 4, q,
                        new double[] {0.1, 0.2}), "calibration.threshold: the threshold and quantiles must be finite"),
                Arguments.of(new Calibration(AnomalyScore.MSE, 0.01, 0.3, 1, q, new double[] {0.1, 0.2}),
                        "calibration.sortedScores: 2 scores of 1 rows"));
    }

    @ParameterizedTest
    @MethodSource("badCalibrations")
    void aCalibrationNoTrainingCouldHaveComputedIsRefused(Calibration calibration, String message) {
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L), normalizer(), null,
                calibration);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aNormalizerOfAnotherWidthIsRefused() {
        byte[] file = ModelArtifactCodec.encode(SPEC_JSON, Autoencoder.initialize(TIED, 7L),
                Normalizer.fit(Normalization.ZSCORE, new float[12], 3, 4), null, null);
        assertThatThrownBy(() -> ModelArtifactCodec.decode(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a normalizer of 4 columns");
    }
}
