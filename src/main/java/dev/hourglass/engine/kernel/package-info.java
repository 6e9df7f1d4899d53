/** The only code that loops over {@code float[]}: GEMM, point-wise, reduction and update kernels, each with a scalar and a SIMD twin, and the per-job thread budget that splits them. */
package dev.hourglass.engine.kernel;
