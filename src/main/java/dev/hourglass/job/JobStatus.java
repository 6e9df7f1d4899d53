package dev.hourglass.job;

/** {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}, with {@code CANCEL_REQUESTED} between. */
public enum JobStatus {
    QUEUED, RUNNING, CANCEL_REQUESTED, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
