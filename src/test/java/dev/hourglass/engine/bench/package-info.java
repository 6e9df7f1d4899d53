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
 */
package dev.hourglass.engine.bench;
