package dev.hourglass.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * In-process fan-out of job progress to Server-Sent-Event subscribers: one {@code progress} event
 * per epoch, then exactly one of {@code done}, {@code failed}, {@code cancelled}, after which the
 * stream closes.
 */
@Component
class JobEvents {

    static final long STREAM_TIMEOUT_MS = 60 * 60 * 1000L;

    private final Map<UUID, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();

    SseEmitter subscribe(UUID jobId) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        List<SseEmitter> list = subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        return emitter;
    }

    void progress(JobView view) {
        send(view.id(), "progress", view, false);
    }

    /** Sends the terminal event for the view's status and closes every stream of the job. */
    void finished(JobView view) {
        send(view.id(), terminalEventName(view.status()), view, true);
    }

    static String terminalEventName(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> "done";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> throw new IllegalArgumentException(status + " is not terminal");
        };
    }

    static void sendTo(SseEmitter emitter, String name, JobView view, boolean complete) {
        try {
            emitter.send(SseEmitter.event().name(name).id(view.id() + ":" + view.epoch()).data(view));
            if (complete) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away; the completion callback removes the emitter.
            emitter.completeWithError(e);
        }
    }

    private void send(UUID jobId, String name, JobView view, boolean complete) {
        List<SseEmitter> list = complete ? subscribers.remove(jobId) : subscribers.get(jobId);
        if (list == null) {
            return;
        }
        for (SseEmitter emitter : list) {
            sendTo(emitter, name, view, complete);
        }
    }
}
