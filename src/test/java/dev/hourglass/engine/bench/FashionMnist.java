package dev.hourglass.engine.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the Debian {@code dataset-fashion-mnist} IDX image files, scaled to [0, 1]. */
final class FashionMnist {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    record Images(float[] pixels, int rows, int cols) {
    }

    private FashionMnist() {
    }

    static Images read(String fileName) throws IOException {
        Path file = DIR.resolve(fileName);
        if (!Files.exists(file)) {
            throw new IOException(file + " not found: apt-get install dataset-fashion-mnist");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IOException("bad IDX image magic " + magic + " in " + file);
            }
            int count = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            int cols = height * width;
            byte[] bytes = in.readNBytes(count * cols);
            if (bytes.length != count * cols) {
                throw new IOException("truncated " + file);
            }
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new Images(pixels, count, cols);
        }
    }
}
