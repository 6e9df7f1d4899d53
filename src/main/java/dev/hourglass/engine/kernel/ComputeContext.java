package dev.hourglass.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A per-job compute budget: {@code threads − 1} worker threads plus the calling thread, which
 * split kernels between them. {@link #run} hands one task to every participant and returns
 * when all are done; it allocates nothing (tasks are preallocated mutable objects owned by the
 * context, workers wait by spinning briefly, then parking). Only one thread may call
 * {@link #run} at a time: the one that drives the job. Close it to stop the workers.
 */
public final class ComputeContext implements AutoCloseable {

    /** Work split between {@code workers} participants; participant {@code worker} does its share. */
    public interface Task {
        void run(int worker, int workers);
    }

    /**
     * Re-reads of a volatile before parking. The spin loop has no {@link Thread#onSpinWait()}: on
     * this project's VM (2 vCPUs, KVM-style pause-loop exiting) PAUSE-based spinning made the host
     * deschedule the spinning vCPU, and 2-thread GEMM dropped from ~190-380 to ~35-55 GFLOPS.
     */
    private static final int SPINS = 1 << 16;
    private static final ThreadLocal<ComputeContext> SERIAL = ThreadLocal.withInitial(() -> new ComputeContext(1));

    private final int threads;
    private final Thread[] workers;
    private final float[][] scratch;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int generation;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    final Kernels.GemmTask gemmTask = new Kernels.GemmTask();
    final Kernels.RowTask rowTask = new Kernels.RowTask();
    final Kernels.UpdateTask updateTask = new Kernels.UpdateTask();

    private ComputeContext(int threads) {
        this.threads = threads;
        this.scratch = new float[threads][Kernels.gemmScratchSize()];
        this.workers = new Thread[threads - 1];
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

    float[] scratch(int worker) {
        return scratch[worker];
    }

    /** Runs {@code t} on every participant and waits for all; rethrows the first failure. */
    public void run(Task t) {
        if (threads == 1) {
            t.run(0, 1);
            return;
        }
        if (closed) {
            throw new IllegalStateException("compute context is closed");
        }
        caller = Thread.currentThread();
        failure = null;
        task = t;
        pending.set(threads - 1);
        generation++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Throwable own = null;
        try {
            t.run(0, threads);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < SPINS) {
                // deliberately no Thread.onSpinWait(): see SPINS
            } else {
                LockSupport.park(this);
            }
        }
        task = null;
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
        int seen = 0;
        while (true) {
            int spins = 0;
            int g;
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    // deliberately no Thread.onSpinWait(): see SPINS
                } else {
                    LockSupport.park(this);
                }
            }
            seen = g;
            try {
                task.run(index, threads);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
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
