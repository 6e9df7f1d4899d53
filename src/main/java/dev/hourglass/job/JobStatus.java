package dev.hourglass.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The job's state machine: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}, with
 * {@code CANCEL_REQUESTED} between a running job and its end. {@link #next()} is the whole transition
 * table; the guarded updates of {@link TrainingJobRepository} each move along one of its edges (a test
 * holds them to it).
 */
public enum JobStatus {
    QUEUED, RUNNING, CANCEL_REQUESTED, SUCCEEDED, FAILED, CANCELLED;

    /**
     * The states a job in this one may move to. RUNNING → RUNNING is a new attempt claiming a job whose
     * node stopped heart-beating; RUNNING → QUEUED a draining node handing its job back.
     */
    public Set<JobStatus> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELLED, FAILED);
            case RUNNING -> EnumSet.of(RUNNING, QUEUED, CANCEL_REQUESTED, SUCCEEDED, FAILED, CANCELLED);
            case CANCEL_REQUESTED -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canMoveTo(JobStatus to) {
        return next().contains(to);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }
}
