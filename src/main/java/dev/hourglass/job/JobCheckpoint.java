package dev.hourglass.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last completed epoch of a running job: the engine's {@code TrainingState} (weights, optimizer
 * moments, RNG state, epoch, and early stopping's best epoch so far, whose number and loss the
 * {@code best_*} columns repeat). Written in the same transaction as the epoch's metrics and progress, by
 * update statements in {@link JobCheckpointRepository} (this entity is only read); removed in the transaction
 * that ends the job. {@code state} holds the engine's state without the best epoch, which {@code best_state}
 * keeps apart and is rewritten only when it changes; checkpoints of earlier versions kept the best epoch's
 * parameters there as a whole state, or the best epoch inside {@code state}.
 */
@Entity
@Table(name = "job_checkpoint")
class JobCheckpoint {

    @Id
    @Column(name = "job_id")
    private UUID jobId;
    private int epoch;
    private String phase;
    private byte[] state;
    @Column(name = "best_epoch")
    private Integer bestEpoch;
    @Column(name = "best_loss")
    private Double bestLoss;
    @Column(name = "best_state")
    private byte[] bestState;
    private String node;
    @Column(name = "created_at")
    private Instant createdAt;

    protected JobCheckpoint() {
    }

    JobCheckpoint(UUID jobId) {
        this.jobId = jobId;
    }

    int epoch() { return epoch; }
    String phase() { return phase; }
    byte[] state() { return state; }
    Integer bestEpoch() { return bestEpoch; }
    Double bestLoss() { return bestLoss; }
    byte[] bestState() { return bestState; }
}
