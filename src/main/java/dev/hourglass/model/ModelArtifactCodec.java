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

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;

/**
 * The one model file format, used for storage and (later) export/import. Big-endian framing, float
 * payloads little-endian:
 * <pre>
 * "HGAE" | int version=2 | bytes specJson | int inputDim | ints encoder | ints decoder (count -1 = mirrored)
 *        | utf activation | utf outputActivation | bool tiedWeights
 *        | bool variational [int latentDim | float klWeight | utf likelihood | int samples]   (version 2 on)
 *        | utf codeActivation                                                             (version 2 on)
 *        | bytes normalizer
 *        | int parameterArrays | (int length, float32[length] LE)*
 * </pre>
 * where {@code bytes} is an int length then the bytes and {@code ints} an int count then the values.
 */
public final class ModelArtifactCodec {

    public static final int FORMAT_VERSION = 2;
    private static final int MAGIC = ('H' << 24) | ('G' << 16) | ('A' << 8) | 'E';
    private static final int MAX_ARRAY = 1 << 30;

    /** A decoded model file. */
    public record Decoded(String specJson, Autoencoder autoencoder, Normalizer normalizer) {
    }

    private ModelArtifactCodec() {
    }

    public static byte[] encode(String specJson, Autoencoder autoencoder, Normalizer normalizer) {
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
            writeBytes(out, normalizer.toBytes());
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
            Normalizer normalizer = Normalizer.fromBytes(readBytes(in));
            Autoencoder autoencoder = Autoencoder.initialize(new ArchitectureSpec(inputDim, encoder, decoder, activation,
                    outputActivation, tied, variational, codeActivation), 0L);
            int count = in.readInt();
            List<float[]> parameters = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = checkedLength(in.readInt());
                byte[] raw = in.readNBytes(length * Float.BYTES);
                if (raw.length != length * Float.BYTES) {
                    throw new IllegalArgumentException("model file is truncated");
                }
                float[] p = new float[length];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(p);
                parameters.add(p);
            }
            autoencoder.setParameters(parameters);
            return new Decoded(specJson, autoencoder, normalizer);
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

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = checkedLength(in.readInt());
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
        int[] values = new int[checkedLength(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static int checkedLength(int n) {
        if (n < 0 || n > MAX_ARRAY) {
            throw new IllegalArgumentException("model file is corrupt (length " + n + ")");
        }
        return n;
    }
}
