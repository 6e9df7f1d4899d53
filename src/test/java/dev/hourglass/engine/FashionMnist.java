package dev.hourglass.engine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Fashion-MNIST images from IDX3 (gzip) files, scaled to [0, 1]. */
public final class FashionMnist {

    public static final String FIXTURE = "/fixtures/fmnist-2000.idx.gz";
    public static final String LABELS = "/fixtures/fmnist-2000-labels.idx.gz";
    public static final String TSHIRTS = "/fixtures/fmnist-tshirt-4000.idx.gz";

    private FashionMnist() {
    }

    /** The test fixture: 2000 images, 784 features each. */
    public static float[] fixture() {
        return resource(FIXTURE);
    }

    /** 4000 images of class 0 (T-shirt/top), none of them in {@link #fixture()}: one class to learn as normal. */
    public static float[] tshirts() {
        return resource(TSHIRTS);
    }

    private static float[] resource(String name) {
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            return read(in, Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's labels: the class (0–9) of each of its 2000 images. */
    public static int[] labels() {
        try (InputStream raw = FashionMnist.class.getResourceAsStream(LABELS);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            if (in.readInt() != 0x00000801) {
                throw new IOException("not an IDX1 unsigned-byte file");
            }
            int[] labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up to {@code limit} images of an IDX3 gz file. */
    public static float[] file(Path path, int limit) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] read(InputStream raw, int limit) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
        if (in.readInt() != 0x00000803) {
            throw new IOException("not an IDX3 unsigned-byte file");
        }
        int count = Math.min(limit, in.readInt());
        int size = in.readInt() * in.readInt();
        byte[] bytes = new byte[count * size];
        in.readFully(bytes);
        float[] x = new float[bytes.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (bytes[i] & 0xFF) / 255f;
        }
        return x;
    }

    /** 28×28 images averaged over 2×2 blocks into 14×14 (196 features): a faster real slice. */
    public static float[] pooled(float[] images, int count) {
        float[] out = new float[count * 196];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    int o = i * 784 + 2 * r * 28 + 2 * c;
                    out[i * 196 + r * 14 + c] = (images[o] + images[o + 1] + images[o + 28] + images[o + 29]) / 4f;
                }
            }
        }
        return out;
    }
}
