package dev.hourglass.engine.random;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a 64-bit state, one multiply-xorshift output per step.
 * Its whole state is one {@code long}, so a checkpoint can store and restore it exactly.
 */
public final class SplitMix64 {

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    /** The state's increment per draw. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** The output mix's multipliers (Stafford's variant 13). */
    public static final long MIX1 = 0xBF58476D1CE4E5B9L;
    public static final long MIX2 = 0x94D049BB133111EBL;

    public long nextLong() {
        return mix(state += GAMMA);
    }

    /**
     * The output for state z. Draw i after state s is mix(s + i·GAMMA), so a kernel can compute a run
     * of draws independently and then advance the state by their count (see {@link #setState}).
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound) by Lemire's multiply-shift on the top 32 bits (bias below 2^-32·bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [-bound, bound). */
    public float nextUniform(float bound) {
        return (2f * nextFloat() - 1f) * bound;
    }

    /** Fisher–Yates shuffle of {@code values[0, count)}. */
    public void shuffle(int[] values, int count) {
        for (int i = count - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
