package dev.hourglass.engine.bench;

import java.util.Arrays;
import java.util.Locale;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Transpose;

/**
 * GEMM throughput on the training shapes of the reference net (784-256-64-256-784, batch 128),
 * for 1 and 2 threads. Warmed up, then seven timed samples; prints one JSON line per shape and thread
 * count with their median ({@code gflops}) and best ({@code best}). Args: {@code [--seconds S]} per sample (default 0.5),
 * {@code [--threads 1,2]}, {@code [--only NN|NT|TN]}.
 */
public final class GemmBenchmark {

    private record Shape(String name, Transpose op, int m, int n, int k) {
    }

    private static final Shape[] SHAPES = {
        new Shape("128x784*784x256", Transpose.NN, 128, 256, 784),     // encoder forward
        new Shape("128x256*256x784", Transpose.NN, 128, 784, 256),     // decoder forward
        new Shape("784x128*128x256", Transpose.TN, 784, 256, 128),     // encoder weight gradient xᵀ·dz
        new Shape("128x256*(784x256)T", Transpose.NT, 128, 784, 256),  // decoder input gradient dz·Wᵀ
    };

    public static void main(String[] args) {
        double seconds = 0.5;
        int[] threadCounts = {1, 2};
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --seconds S, --threads 1,2, --only NN|NT|TN)");
            }
        }
        Kernels.warmUp();
        // C2 is still compiling the kernels when the first shape's own warm-up ends; every shape runs a second
        // first, so the first one measured is not slower for coming first
        try (ComputeContext ctx = ComputeContext.create(1)) {
            for (Shape s : SHAPES) {
                run(ctx, s, new float[s.m * s.k], new float[s.k * s.n], new float[s.m * s.n], 1_000_000_000L);
            }
        }
        for (int threads : threadCounts) {
            try (ComputeContext ctx = ComputeContext.create(threads)) {
                for (Shape s : SHAPES) {
                    if (only != null && !s.op.name().equals(only)) {
                        continue;
                    }
                    double[] samples = measure(ctx, s, seconds);
                    System.out.println(String.format(Locale.ROOT,
                            "{\"bench\":\"gemm\",\"shape\":\"%s\",\"op\":\"%s\",\"m\":%d,\"n\":%d,\"k\":%d,"
                                    + "\"threads\":%d,\"simd\":%b,\"gemm\":\"%s\",\"gflops\":%.1f,\"best\":%.1f}",
                            s.name, s.op, s.m, s.n, s.k, threads, Kernels.simd(), Kernels.gemmPlan(),
                            samples[samples.length / 2], samples[samples.length - 1]));
                }
            }
        }
    }

    /** Seven samples of GFLOPS, sorted: the median is the figure, the best shows the kernel between a shared host's stalls. */
    static double[] measure(ComputeContext ctx, Shape s, double seconds) {
        float[] a = new float[s.m * s.k];
        float[] b = new float[s.k * s.n];
        float[] c = new float[s.m * s.n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 31) * 0.01f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 29) * 0.01f;
        }
        double flops = 2.0 * s.m * s.n * s.k;
        run(ctx, s, a, b, c, 1_000_000_000L);
        double[] samples = new double[7];
        for (int r = 0; r < samples.length; r++) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int reps = 0;
            long now;
            do {
                Kernels.gemm(ctx, s.op, s.m, s.n, s.k, a, b, c, false);
                reps++;
                now = System.nanoTime();
            } while (now < end);
            samples[r] = flops * reps / (now - start);
        }
        Arrays.sort(samples);
        return samples;
    }

    private static void run(ComputeContext ctx, Shape s, float[] a, float[] b, float[] c, long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Kernels.gemm(ctx, s.op, s.m, s.n, s.k, a, b, c, false);
        }
    }
}
