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
 * {@code best_*} columns repeat). Written in the same transaction as the epoch's metrics and progress;
 * removed when the job ends. {@code best_state} is only read: checkpoints of earlier versions kept the
 * best epoch's state there.
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

    void update(int epoch, String phase, byte[] state, Integer bestEpoch, Double bestLoss, String node, Instant now) {
        this.epoch = epoch;
        this.phase = phase;
        this.state = state;
        this.bestEpoch = bestEpoch;
        this.bestLoss = bestLoss;
        this.bestState = null;
        this.node = node;
        this.createdAt = now;
    }

    int epoch() { return epoch; }
    String phase() { return phase; }
    byte[] state() { return state; }
    Integer bestEpoch() { return bestEpoch; }
    Double bestLoss() { return bestLoss; }
    byte[] bestState() { return bestState; }
}
