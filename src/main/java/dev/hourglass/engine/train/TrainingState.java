package dev.hourglass.engine.train;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.optim.OptimizerKind;

/**
 * Everything needed to continue a run exactly where it stopped, at an epoch boundary: the phase and
 * its completed epochs, all parameters, the optimizer's state (kind, step count, moments), the
 * trainer's RNG state, the objective's term state and, with early stopping, the best epoch so far.
 * Immutable; arrays are copied in and out.
 *
 * <p>A stacked run has several phases; the state names the phase it was taken in (0-based index and
 * name), {@code completedEpochs} counts epochs of that phase, and the parameters are the whole model's.
 *
 * <p>Binary format (little-endian), version 3: int magic "HGTS", int version, int phase, int length
 * and that many UTF-8 bytes of the phase name, int completedEpochs, long rngState, int optimizer
 * ordinal, long optimizerSteps, double lastTrainLoss, double lastValidationLoss, then three array
 * lists (parameters, optimizer state, term state), each an int count followed by, per array, an int
 * length and that many floats; then int 0, or int 1 and the best epoch: int epoch (counted over every
 * phase), double trainLoss, double validationLoss and its parameters as an array list. Version 2 (no
 * term state, no best) and version 1 (no phase fields either, read as phase 0 "train") still read.
 */
public final class TrainingState {

    private static final int MAGIC = 0x48475453; // "HGTS"
    private static final int VERSION = 3;

    /** The best epoch of early stopping so far: its number over every phase, its losses and parameters. */
    public record Best(int epoch, double trainLoss, double validationLoss, List<float[]> parameters) {
        public Best {
            parameters = deepCopy(parameters);
        }

        @Override
        public List<float[]> parameters() {
            return deepCopy(parameters);
        }
    }

    private final int phase;
    private final String phaseName;
    private final int completedEpochs;
    private final long rngState;
    private final OptimizerKind optimizer;
    private final long optimizerSteps;
    private final double lastTrainLoss;
    private final double lastValidationLoss;
    private final List<float[]> parameters;
    private final List<float[]> optimizerState;
    private final List<float[]> termState;
    private final Best best;

    TrainingState(int completedEpochs, long rngState, OptimizerKind optimizer, long optimizerSteps,
                  double lastTrainLoss, double lastValidationLoss, List<float[]> parameters, List<float[]> optimizerState) {
        this(0, "train", completedEpochs, rngState, optimizer, optimizerSteps, lastTrainLoss, lastValidationLoss,
                parameters, optimizerState, List.of(), null);
    }

    TrainingState(int phase, String phaseName, int completedEpochs, long rngState, OptimizerKind optimizer,
                  long optimizerSteps, double lastTrainLoss, double lastValidationLoss, List<float[]> parameters,
                  List<float[]> optimizerState, List<float[]> termState, Best best) {
        this.phase = phase;
        this.phaseName = phaseName;
        this.completedEpochs = completedEpochs;
        this.rngState = rngState;
        this.optimizer = optimizer;
        this.optimizerSteps = optimizerSteps;
        this.lastTrainLoss = lastTrainLoss;
        this.lastValidationLoss = lastValidationLoss;
        this.parameters = deepCopy(parameters);
        this.optimizerState = deepCopy(optimizerState);
        this.termState = deepCopy(termState);
        this.best = best;
    }

    private static List<float[]> deepCopy(List<float[]> arrays) {
        List<float[]> c = new ArrayList<>(arrays.size());
        for (float[] a : arrays) {
            c.add(a.clone());
        }
        return List.copyOf(c);
    }

    /** This state with another best epoch (e.g. one a caller kept apart from older checkpoints). */
    public TrainingState withBest(Best best) {
        return new TrainingState(phase, phaseName, completedEpochs, rngState, optimizer, optimizerSteps, lastTrainLoss,
                lastValidationLoss, parameters, optimizerState, termState, best);
    }

    /**
     * Only the best epoch, in a state of its own without parameters or moments: a caller that stores the best
     * epoch apart (and only when it changes) keeps the rest with {@code withBest(null)}.
     */
    public TrainingState bestOnly() {
        return new TrainingState(phase, phaseName, completedEpochs, rngState, optimizer, optimizerSteps, lastTrainLoss,
                lastValidationLoss, List.of(), List.of(), List.of(), best);
    }

    /** 0-based index of the phase this state was taken in (0 for a single-stage run). */
    public int phase() {
        return phase;
    }

    /** "train", or "pretrain-1", …, "fine-tune" for a stacked run. */
    public String phaseName() {
        return phaseName;
    }

    /** Completed epochs of {@link #phase()}. */
    public int completedEpochs() {
        return completedEpochs;
    }

    public long rngState() {
        return rngState;
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    public long optimizerSteps() {
        return optimizerSteps;
    }

    public double lastTrainLoss() {
        return lastTrainLoss;
    }

    public double lastValidationLoss() {
        return lastValidationLoss;
    }

    /** Copies of the parameters, in {@link Autoencoder#parameters()} order. */
    public List<float[]> parameters() {
        return deepCopy(parameters);
    }

    /** Copies of the optimizer's moment arrays. */
    public List<float[]> optimizerState() {
        return deepCopy(optimizerState);
    }

    /** Copies of the objective's term state (see {@code Objective.state()}); empty when no term keeps any. */
    public List<float[]> termState() {
        return deepCopy(termState);
    }

    /** The best epoch of early stopping so far; null when it is off or nothing was validated yet. */
    public Best best() {
        return best;
    }

    public byte[] toBytes() {
        byte[] name = phaseName.getBytes(StandardCharsets.UTF_8);
        long size = 4 + 4 + 4 + 4 + name.length + 4 + 8 + 4 + 8 + 8 + 8 + listSize(parameters) + listSize(optimizerState)
                + listSize(termState) + 4 + (best == null ? 0 : 4 + 8 + 8 + listSize(best.parameters));
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("training state too large to serialize: " + size + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putInt(phase).putInt(name.length).put(name).putInt(completedEpochs)
                .putLong(rngState).putInt(optimizer.ordinal()).putLong(optimizerSteps).putDouble(lastTrainLoss)
                .putDouble(lastValidationLoss);
        putList(buf, parameters);
        putList(buf, optimizerState);
        putList(buf, termState);
        buf.putInt(best == null ? 0 : 1);
        if (best != null) {
            buf.putInt(best.epoch()).putDouble(best.trainLoss()).putDouble(best.validationLoss());
            putList(buf, best.parameters);
        }
        return buf.array();
    }

    public static TrainingState fromBytes(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (buf.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a training state (bad magic)");
            }
            int version = buf.getInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("unsupported training state version " + version);
            }
            int phase = 0;
            String phaseName = "train";
            if (version >= 2) {
                phase = buf.getInt();
                int len = buf.getInt();
                if (phase < 0 || len < 0 || len > buf.remaining()) {
                    throw new IllegalArgumentException("bad phase " + phase + " / name length " + len);
                }
                byte[] name = new byte[len];
                buf.get(name);
                phaseName = new String(name, StandardCharsets.UTF_8);
            }
            int epochs = buf.getInt();
            long rng = buf.getLong();
            int kind = buf.getInt();
            if (kind < 0 || kind >= OptimizerKind.values().length) {
                throw new IllegalArgumentException("unknown optimizer " + kind);
            }
            long steps = buf.getLong();
            if (epochs < 0 || steps < 0) {
                throw new IllegalArgumentException("corrupt training state: epochs " + epochs + ", optimizer steps " + steps);
            }
            double trainLoss = buf.getDouble();
            double validationLoss = buf.getDouble();
            List<float[]> params = getList(buf);
            List<float[]> state = getList(buf);
            List<float[]> terms = version >= 3 ? getList(buf) : List.of();
            Best best = version >= 3 && buf.getInt() == 1
                    ? new Best(buf.getInt(), buf.getDouble(), buf.getDouble(), getList(buf)) : null;
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after training state");
            }
            return new TrainingState(phase, phaseName, epochs, rng, OptimizerKind.values()[kind], steps, trainLoss,
                    validationLoss, params, state, terms, best);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated training state", e);
        }
    }

    private static long listSize(List<float[]> arrays) {
        long n = 4;
        for (float[] a : arrays) {
            n += 4 + 4L * a.length;
        }
        return n;
    }

    private static void putList(ByteBuffer buf, List<float[]> arrays) {
        buf.putInt(arrays.size());
        for (float[] a : arrays) {
            buf.putInt(a.length);
            buf.asFloatBuffer().put(a);
            buf.position(buf.position() + 4 * a.length);
        }
    }

    private static List<float[]> getList(ByteBuffer buf) {
        int count = buf.getInt();
        if (count < 0 || count > buf.remaining() / 4) {
            throw new IllegalArgumentException("bad array count " + count);
        }
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int len = buf.getInt();
            if (len < 0 || len > buf.remaining() / 4) {
                throw new IllegalArgumentException("bad array length " + len);
            }
            float[] a = new float[len];
            buf.asFloatBuffer().get(a);
            buf.position(buf.position() + 4 * len);
            out.add(a);
        }
        return out;
    }
}
