package dev.hourglass.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A per-job compute budget: {@code threads − 1} worker threads plus the calling thread. A kernel
 * call becomes a {@link Task} of independent units; the caller publishes it and starts taking
 * units, and every worker that is awake takes units too, first come, first served. The call
 * returns when all units are done — it never waits for a worker that took none, so a worker the
 * OS has descheduled costs nothing. No allocation per call: tasks are mutable objects owned by
 * the context. Only one thread may drive a context at a time. Close it to stop the workers.
 */
public final class ComputeContext implements AutoCloseable {

    /** Independent units of work; which thread runs a unit never changes its result. */
    interface Task {
        int units();

        void run(int unit, float[] scratch);
    }

    /**
     * Re-reads of a volatile before parking. The spin loops have no {@link Thread#onSpinWait()}: on
     * this project's VM (2 vCPUs, KVM-style pause-loop exiting) PAUSE-based spinning made the host
     * deschedule the spinning vCPU, and 2-thread GEMM dropped from ~190-380 to ~35-55 GFLOPS.
     */
    private static final int SPINS = 1 << 16;
    private static final ThreadLocal<ComputeContext> SERIAL = ThreadLocal.withInitial(() -> new ComputeContext(1));

    private final int threads;
    private final Thread[] workers;
    private final float[][] scratch;
    /**
     * Generation in the high 32 bits, next unclaimed unit in the low 32; {@link #BLOCKED} in the low
     * bits while a new task is being published. A worker that claims a unit by compare-and-set on
     * the value it read before reading {@link #task} and {@link #units} knows both belong to it.
     */
    private final AtomicLong ticket = new AtomicLong(BLOCKED);
    private static final long BLOCKED = Integer.MAX_VALUE;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicIntegerArray parked;
    private volatile Task task;
    private volatile int units;
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile Throwable failure;
    private volatile boolean closed;
    private int generation;
    private final Participation participation = new Participation();

    final Kernels.GemmTask gemmTask = new Kernels.GemmTask();
    final Kernels.GemmTask gemmBiasActivateTask = new Kernels.GemmBiasActivateTask();
    final Kernels.GemmTask gemmActivationBackwardTask = new Kernels.GemmActivationBackwardTask();
    final Kernels.GemmTask gemmColumnSumsTask = new Kernels.GemmColumnSumsTask();
    final Kernels.RowTask rowTask = new Kernels.RowTask();
    final Kernels.UpdateTask updateTask = new Kernels.UpdateTask();

    private ComputeContext(int threads) {
        this.threads = threads;
        this.scratch = new float[threads][Kernels.gemmScratchSize()];
        this.workers = new Thread[threads - 1];
        this.parked = new AtomicIntegerArray(threads);
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            Thread t = new Thread(() -> work(index), "hourglass-compute-" + index);
            t.setDaemon(true);
            workers[i] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** A context with {@code threads} participants (the caller counts as one); at least 1. */
    public static ComputeContext create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        return new ComputeContext(threads);
    }

    /** This thread's single-participant context (no threads of its own): for inference. */
    public static ComputeContext serial() {
        return SERIAL.get();
    }

    public int threads() {
        return threads;
    }

    /**
     * Reports a training step of {@code nanos} over {@code rows} rows. With more than one thread, the
     * context uses them to time steps with and without its workers now and then, and runs without them
     * while that is faster (see {@link Participation}); what it computes is the same either way.
     */
    public void stepDone(long nanos, int rows) {
        if (threads > 1) {
            participation.stepDone(nanos, rows);
        }
    }

    /** How often the timed steps changed whether the workers take part. */
    int participationSwitches() {
        return participation.switches();
    }

    float[] scratch(int worker) {
        return scratch[worker];
    }

    /** Runs every unit of {@code t} and returns when all are done; rethrows the first failure. */
    void run(Task t) {
        int n = t.units();
        if (threads == 1 || n <= 1 || participation.serial()) {
            for (int u = 0; u < n; u++) {
                t.run(u, scratch[0]);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("compute context is closed");
        }
        caller = Thread.currentThread();
        failure = null;
        long base = (long) ++generation << 32;
        ticket.set(base | BLOCKED);
        task = t;
        units = n;
        done.set(0);
        ticket.set(base);
        for (int i = 0; i < workers.length; i++) {
            if (parked.get(i + 1) != 0) {
                LockSupport.unpark(workers[i]);
            }
        }
        Throwable own = null;
        for (long tk = ticket.getAndIncrement(); (int) tk < n; tk = ticket.getAndIncrement()) {
            try {
                t.run((int) tk, scratch[0]);
            } catch (Throwable e) {
                own = e;
            }
            done.incrementAndGet();
        }
        int spins = 0;
        while (done.get() < n) {
            if (++spins < SPINS) {
                continue;   // deliberately no Thread.onSpinWait(): see SPINS
            }
            callerParked = true;
            if (done.get() < n) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void work(int index) {
        float[] mine = scratch[index];
        int spins = 0;
        while (!closed) {
            long tk = ticket.get();
            int n = units;
            Task t = task;
            if (t == null || (int) tk >= n) {
                if (++spins < SPINS) {
                    continue;   // deliberately no Thread.onSpinWait(): see SPINS
                }
                parked.set(index, 1);
                if (ticket.get() == tk && !closed) {
                    LockSupport.park(this);
                }
                parked.set(index, 0);
                spins = 0;
                continue;
            }
            // Owning unit (int) tk of this generation pins the task: the caller cannot publish
            // the next one before this unit is done, so t and n still belong to tk.
            if (!ticket.compareAndSet(tk, tk + 1)) {
                continue;
            }
            try {
                t.run((int) tk, mine);
            } catch (Throwable e) {
                failure = e;
            }
            if (done.incrementAndGet() == n && callerParked) {
                LockSupport.unpark(caller);
            }
            spins = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        for (Thread w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
