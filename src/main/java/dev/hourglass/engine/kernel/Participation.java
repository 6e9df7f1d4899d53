package dev.hourglass.engine.kernel;

import java.util.Arrays;

/**
 * Whether a context's workers take part, decided by measuring training steps. On a shared VM the
 * second vCPU at times adds nothing (in such windows a 2-thread step took as long as a 1-thread step,
 * or longer: 27,362 against 25,613 ns per row), and a unit taken by a stalled worker holds up the
 * whole call. So every {@link #PERIOD} steps, {@link #PROBE} steps run with the workers and then
 * {@link #PROBE} without, back to back, and until the next probe the context keeps the mode whose
 * median time per row was lower. Results never depend on it: units are the same whoever runs them.
 * Driven by the context's one caller thread; not thread-safe.
 */
final class Participation {

    /** Steps per window of a probe. */
    static final int PROBE = 8;
    /** Steps from one probe's start to the next's; the first probe starts after one period of warm-up. */
    static final int PERIOD = 256;

    private final double[] together = new double[PROBE];
    private final double[] alone = new double[PROBE];
    private long steps;
    /** The mode of the next step. */
    private boolean serial;
    /** The mode the last probe chose. */
    private boolean decided;
    private int switches;

    /** Whether the caller should run every unit itself now. */
    boolean serial() {
        return serial;
    }

    /** How often a probe changed the mode, for tests and diagnostics. */
    int switches() {
        return switches;
    }

    /** Records a step of {@code nanos} over {@code rows} rows and sets the mode of the next. */
    void stepDone(long nanos, int rows) {
        long position = steps % PERIOD;
        boolean probing = steps >= PERIOD && position < 2 * PROBE;
        steps++;
        if (!probing) {
            if (steps % PERIOD == 0) {
                serial = false;   // the next step opens a probe, with the workers
            }
            return;
        }
        double perRow = (double) nanos / Math.max(1, rows);
        if (position < PROBE) {
            together[(int) position] = perRow;
            serial = position == PROBE - 1;
            return;
        }
        alone[(int) (position - PROBE)] = perRow;
        if (position == 2 * PROBE - 1) {
            boolean wasSerial = decided;
            decided = median(alone) < median(together);
            if (decided != wasSerial) {
                switches++;
            }
            serial = decided;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
