/**
 * Engine benchmarks (test scope; run in their own JVM with {@code --add-modules jdk.incubator.vector}
 * through the {@code bench} Maven profile). Each prints one JSON object per measurement on its own line.
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.class=TrainBenchmark \
 *     -Dbench.args="--variant BASIC --epochs 3 --threads 1 --batch 128"
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.class=GemmBenchmark
 * </pre>
 * Compare with {@code /usr/bin/python3 shared/reference/torch_ae.py --variant basic --epochs 3 --threads 1}
 * back to back: the machine is shared, so only same-sitting ratios mean anything.
 *
 * <p>Measured 2026-11-27 on the project VM (2 vCPUs, AMD EPYC family 26 / Zen 5, AVX-512, JDK 17.0.15),
 * in quiet windows (other processes below 2% of the CPU):
 * <pre>
 * GEMM GFLOPS            1 thread   2 threads
 * 128x784 * 784x256 NN    198-215    367-394
 * 128x256 * 256x784 NN    188-206    326-369
 * 784x128 * 128x256 TN    186-197    305-337
 * 128x256 * (784x256)T NT 169-180    291-329
 *
 * Fashion-MNIST 784-256-64-256-784, batch 128, Adam, 3 epochs (median samples/s; test MSE)
 *                  Hourglass            PyTorch 1.13 (OpenBLAS)
 * 1 thread         67,275; 0.013846     40,742; 0.013892
 * 2 threads        113,486-115,601      69,559-69,631; 0.013860
 * encode rows/s    batch 1: ~104,000; batch 256: ~410,000-445,000 (1 thread)
 * </pre>
 */
package dev.hourglass.engine.bench;
