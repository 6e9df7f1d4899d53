package dev.hourglass.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Job progress as Server-Sent Events: one {@code progress} event per epoch (and phase), then exactly
 * one of {@code done}, {@code failed}, {@code cancelled}, after which the stream closes. A job that
 * runs on this node pushes its events directly; every subscribed job is also re-read from the
 * database each second, which serves jobs running on another node.
 *
 * <p>A node holds at most {@code hourglass.limits.max-event-streams} open streams, and one job at most
 * {@code max-event-streams-per-job}; beyond either a subscription is refused with 429 and Retry-After.
 * Each stream keeps only the latest state it has not sent yet (a newer state replaces it, never queues
 * behind it) and sends it in a flight of its own on a pool that grows to the stream cap: a client that
 * stops reading blocks only its own stream's writes, never another's or a training thread.
 */
@Component
class JobEvents {

    static final long STREAM_TIMEOUT_MS = 60 * 60 * 1000L;
    static final String TOO_MANY_STREAMS = "too-many-event-streams";
    private static final int RETRY_AFTER_SECONDS = 30;

    private final TrainingJobRepository jobs;
    private final JobViewMapper mapper;
    private final int maxStreams;
    private final int maxStreamsPerJob;
    private final LongFunction<SseEmitter> emitters;
    private final Map<UUID, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong flightsStarted = new AtomicLong();
    private final AtomicLong flightsEnded = new AtomicLong();
    /** Per followed job, the {@link #changeKey} its last poll found. */
    private final Map<UUID, String> polled = new ConcurrentHashMap<>();
    /**
     * Writes to clients happen here, one flight per stream at a time; a blocked write holds one thread, and at
     * most one per open stream exists, so the pool never refuses a flight. Idle threads end after 30 s.
     */
    private final ThreadPoolExecutor sender;

    @Autowired
    JobEvents(TrainingJobRepository jobs, JobViewMapper mapper, LimitProperties limits) {
        this(jobs, mapper, limits, SseEmitter::new);
    }

    /** @param emitters makes a stream's emitter for a timeout in milliseconds (tests watch what is sent) */
    JobEvents(TrainingJobRepository jobs, JobViewMapper mapper, LimitProperties limits, LongFunction<SseEmitter> emitters) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.maxStreams = limits.maxEventStreams();
        this.maxStreamsPerJob = limits.maxEventStreamsPerJob();
        this.emitters = emitters;
        AtomicInteger threads = new AtomicInteger();
        this.sender = new ThreadPoolExecutor(0, maxStreams, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "job-events-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One open stream: the latest state it has not sent, and whether a flight is sending. */
    private final class Subscription {
        final UUID jobId;
        final SseEmitter emitter;
        final AtomicReference<JobView> pending = new AtomicReference<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        /** Read and written by the one flight that holds {@code sending}. */
        String lastSent;

        Subscription(UUID jobId, SseEmitter emitter) {
            this.jobId = jobId;
            this.emitter = emitter;
        }

        /** Replaces the unsent state (a terminal one is kept: nothing comes after it) and starts a flight if none runs. */
        void offer(JobView view) {
            pending.getAndUpdate(unsent -> unsent != null && unsent.status().isTerminal() ? unsent : view);
            flight();
        }

        private void flight() {
            if (!closed.get() && sending.compareAndSet(false, true)) {
                flightsStarted.incrementAndGet();
                try {
                    sender.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // Shutting down, or every thread is held by a stream that timed out mid-write: end this one.
                    flightsEnded.incrementAndGet();
                    sending.set(false);
                    close();
                    emitter.completeWithError(e);
                }
            }
        }

        private void drain() {
            try {
                JobView view;
                while (!closed.get() && (view = pending.getAndSet(null)) != null) {
                    send(view);
                }
            } finally {
                sending.set(false);
            }
            if (pending.get() != null) {
                flight();   // offered after the loop looked, before the flag dropped
            }
            flightsEnded.incrementAndGet();
        }

        private void send(JobView view) {
            String key = changeKey(view);
            if (Objects.equals(key, lastSent)) {
                return;
            }
            lastSent = key;
            try {
                emitter.send(SseEmitter.event().name(eventName(view.status())).id(view.id() + ":" + view.epoch()).data(view));
                if (view.status().isTerminal()) {
                    close();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away (or the stream timed out): the stream is done.
                close();
                emitter.completeWithError(e);
            }
        }

        /** Removes the stream and frees its place under the caps; once, whichever way it ends. */
        void close() {
            if (closed.compareAndSet(false, true)) {
                subscribers.computeIfPresent(jobId, (key, list) -> {
                    list.remove(this);
                    return list.isEmpty() ? null : list;
                });
                open.decrementAndGet();
            }
        }
    }

    /** Opens a stream that starts with the job's current state; 429 over the node's or the job's stream cap. */
    SseEmitter subscribe(JobView current) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw ApiException.tooManyRequests(TOO_MANY_STREAMS, "This node has " + maxStreams
                    + " open event streams, its limit (hourglass.limits.max-event-streams); poll GET /api/v1/jobs/"
                    + current.id() + " or retry later", RETRY_AFTER_SECONDS);
        }
        UUID id = current.id();
        Subscription subscription = new Subscription(id, emitters.apply(STREAM_TIMEOUT_MS));
        AtomicBoolean full = new AtomicBoolean();
        // Atomic with close's clean-up: a subscription is never added to a list that was just dropped, so one
        // that missed a terminal event stays in the map and the database poll delivers it.
        subscribers.compute(id, (key, list) -> {
            List<Subscription> l = list == null ? new CopyOnWriteArrayList<>() : list;
            if (l.size() >= maxStreamsPerJob) {
                full.set(true);
            } else {
                l.add(subscription);
            }
            return l;
        });
        if (full.get()) {
            open.decrementAndGet();
            throw ApiException.tooManyRequests(TOO_MANY_STREAMS, "Job " + id + " has " + maxStreamsPerJob
                    + " open event streams, its limit (hourglass.limits.max-event-streams-per-job); poll GET"
                    + " /api/v1/jobs/" + id + " or retry later", RETRY_AFTER_SECONDS);
        }
        SseEmitter emitter = subscription.emitter;
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        subscription.offer(current);
        return emitter;
    }

    /** Hands the view to every stream of its job; each sends it (or a newer one) on its own flight. */
    void publish(JobView view) {
        List<Subscription> list = subscribers.get(view.id());
        if (list != null) {
            list.forEach(subscription -> subscription.offer(view));
        }
    }

    /** Streams open on this node. */
    int openStreams() {
        return open.get();
    }

    @jakarta.annotation.PreDestroy
    void close() {
        sender.shutdownNow();
    }

    /**
     * Re-reads every followed job; only a state the last poll did not find goes to its streams, so a node
     * following 1,000 streams of jobs that did not move starts no flight at all.
     */
    @Scheduled(fixedDelayString = "${hourglass.events.poll-interval:1s}")
    void pollDatabase() {
        polled.keySet().retainAll(subscribers.keySet());
        for (UUID jobId : subscribers.keySet()) {
            jobs.findById(jobId).map(mapper::view).ifPresent(view -> {
                String key = changeKey(view);
                if (!key.equals(polled.put(jobId, key))) {
                    publish(view);
                }
            });
        }
    }

    /** Flights started so far, for tests. */
    long flights() {
        return flightsStarted.get();
    }

    /**
     * Flights ended so far, for tests: equal to {@link #flights()} when none runs or will start (a flight that
     * starts the next counts it before it counts its own end).
     */
    long flightsEnded() {
        return flightsEnded.get();
    }

    /** What tells two states of a job apart for its followers: a view with the same key is not sent twice. */
    private static String changeKey(JobView view) {
        return view.status() + ":" + view.phase() + ":" + view.epoch();
    }

    static String eventName(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> "progress";
        };
    }
}
