package dev.hourglass.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Job progress as Server-Sent Events: one {@code progress} event per epoch (and phase), then exactly
 * one of {@code done}, {@code failed}, {@code cancelled}, after which the stream closes. A job that
 * runs on this node pushes its events directly; every subscribed job is also re-read from the
 * database each second, which serves jobs running on another node. Each stream sends a state once.
 */
@Component
class JobEvents {

    static final long STREAM_TIMEOUT_MS = 60 * 60 * 1000L;

    private final TrainingJobRepository jobs;
    private final JobViewMapper mapper;
    private final Map<UUID, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    /** Writes to clients happen here, so a client that stops reading never stalls a training thread. */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "job-events");
        t.setDaemon(true);
        return t;
    });

    JobEvents(TrainingJobRepository jobs, JobViewMapper mapper) {
        this.jobs = jobs;
        this.mapper = mapper;
    }

    private static final class Subscription {
        final SseEmitter emitter;
        String lastSent;
        boolean closed;

        Subscription(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }

    /** Opens a stream that starts with the job's current state. */
    SseEmitter subscribe(JobView current) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Subscription subscription = new Subscription(emitter);
        UUID id = current.id();
        // Atomic with publish's clean-up: a subscription is never added to a list that was just dropped, so
        // one that missed a terminal event stays in the map and the database poll delivers it.
        subscribers.compute(id, (key, list) -> {
            List<Subscription> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(subscription);
            return l;
        });
        Runnable remove = () -> drop(id, subscription);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        sender.execute(() -> send(subscription, current));
        return emitter;
    }

    /** Sends the view to every stream of its job that has not seen this state yet (on the sender thread). */
    void publish(JobView view) {
        List<Subscription> list = subscribers.get(view.id());
        if (list == null) {
            return;
        }
        sender.execute(() -> {
            for (Subscription subscription : list) {
                send(subscription, view);
                if (subscription.closed) {
                    drop(view.id(), subscription);
                }
            }
        });
    }

    private void drop(UUID id, Subscription subscription) {
        subscribers.computeIfPresent(id, (key, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    @jakarta.annotation.PreDestroy
    void close() {
        sender.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${hourglass.events.poll-interval:1s}")
    void pollDatabase() {
        for (UUID jobId : subscribers.keySet()) {
            jobs.findById(jobId).map(mapper::view).ifPresent(this::publish);
        }
    }

    static String eventName(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> "progress";
        };
    }

    private static void send(Subscription subscription, JobView view) {
        String key = view.status() + ":" + view.phase() + ":" + view.epoch();
        synchronized (subscription) {
            if (Objects.equals(key, subscription.lastSent)) {
                return;
            }
            subscription.lastSent = key;
            try {
                subscription.emitter.send(SseEmitter.event().name(eventName(view.status()))
                        .id(view.id() + ":" + view.epoch()).data(view));
                if (view.status().isTerminal()) {
                    subscription.closed = true;
                    subscription.emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away; the completion callback removes the subscription.
                subscription.closed = true;
                subscription.emitter.completeWithError(e);
            }
        }
    }
}
