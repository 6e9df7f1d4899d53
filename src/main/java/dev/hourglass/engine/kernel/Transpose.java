package dev.hourglass.engine.kernel;

/**
 * Which GEMM operand is stored transposed. All matrices are row-major and dense.
 * <ul>
 *   <li>{@code NN}: {@code c(m,n) = a(m,k) · b(k,n)}</li>
 *   <li>{@code NT}: {@code c(m,n) = a(m,k) · b(n,k)ᵀ}</li>
 *   <li>{@code TN}: {@code c(m,n) = a(k,m)ᵀ · b(k,n)}</li>
 * </ul>
 */
public enum Transpose {
    NN, NT, TN
}
