package dev.hourglass.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One epoch (of one phase) of a training job: losses, every loss term, time and throughput. */
@Entity
@Table(name = "epoch_metric")
class EpochMetric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "job_id")
    private UUID jobId;
    private String phase;
    private int epoch;
    @Column(name = "train_loss")
    private double trainLoss;
    @Column(name = "validation_loss")
    private Double validationLoss;
    private String terms;
    private double seconds;
    @Column(name = "samples_per_second")
    private double samplesPerSecond;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected EpochMetric() {
    }

    EpochMetric(UUID jobId, String phase, int epoch, double trainLoss, Double validationLoss, String terms,
            double seconds, double samplesPerSecond, Instant recordedAt) {
        this.jobId = jobId;
        this.phase = phase;
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.validationLoss = validationLoss;
        this.terms = terms;
        this.seconds = seconds;
        this.samplesPerSecond = samplesPerSecond;
        this.recordedAt = recordedAt;
    }

    String phase() { return phase; }
    int epoch() { return epoch; }
    double trainLoss() { return trainLoss; }
    Double validationLoss() { return validationLoss; }
    String terms() { return terms; }
    double seconds() { return seconds; }
    double samplesPerSecond() { return samplesPerSecond; }
    Instant recordedAt() { return recordedAt; }
}
