package dev.hourglass.job;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status changes are guarded updates ({@code … where status in (…)}): the return value says whether
 * the transition happened, so two threads or two nodes can never both win one. Every transition a worker
 * makes is also fenced by its attempt ({@code … and attempt = :attempt}): an attempt that another node
 * took over (its heartbeat went stale) can no longer end, hand back or cancel the job its successor runs.
 */
interface TrainingJobRepository extends JpaRepository<TrainingJob, UUID> {

    Page<TrainingJob> findAllByOrderByCreatedAtDesc(Pageable pageable);

    Page<TrainingJob> findByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable pageable);

    long countByTenantId(UUID tenantId);

    long countByStatus(JobStatus status);

    long countByTenantIdAndStatus(UUID tenantId, JobStatus status);

    /** Jobs of the tenant that hold a worker now (a job asked to cancel runs until its next mini-batch). */
    @Query("""
            select count(j) from TrainingJob j where j.tenantId = :tenantId
               and j.status in (dev.hourglass.job.JobStatus.RUNNING, dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    long countRunning(@Param("tenantId") UUID tenantId);

    @Query("select j.tenantId from TrainingJob j where j.id = :id")
    UUID tenantOf(@Param("id") UUID id);

    boolean existsByDatasetIdAndStatusIn(UUID datasetId, Collection<JobStatus> statuses);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.RUNNING, j.startedAt = coalesce(j.startedAt, :now),
                   j.updatedAt = :now, j.node = :node, j.attempt = j.attempt + 1, j.resumedFromEpoch = :resumedFrom,
                   j.version = j.version + 1
             where j.id = :id and j.status in (dev.hourglass.job.JobStatus.QUEUED, dev.hourglass.job.JobStatus.RUNNING)
            """)
    int start(@Param("id") UUID id, @Param("node") String node, @Param("resumedFrom") Integer resumedFromEpoch,
            @Param("now") Instant now);

    /** Corrects where attempt {@code attempt} resumed from (a transform counts its chunks again once it owns the job). */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update TrainingJob j set j.resumedFromEpoch = :resumedFrom where j.id = :id and j.attempt = :attempt")
    int resumedFrom(@Param("id") UUID id, @Param("attempt") int attempt, @Param("resumedFrom") Integer resumedFrom);

    /** A draining node hands its running job back to the queue; it resumes from its checkpoint elsewhere. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.QUEUED, j.etaSeconds = null, j.updatedAt = :now,
                   j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt and j.status = dev.hourglass.job.JobStatus.RUNNING
            """)
    int handBack(@Param("id") UUID id, @Param("attempt") int attempt, @Param("now") Instant now);

    java.util.Optional<TrainingJob> findByTenantIdAndIdempotencyKey(UUID tenantId, String idempotencyKey);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.epoch = :epoch, j.progress = :progress, j.lastLoss = :loss, j.etaSeconds = :eta,
                   j.phase = :phase, j.updatedAt = :now, j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt
               and j.status in (dev.hourglass.job.JobStatus.RUNNING, dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    int progress(@Param("id") UUID id, @Param("attempt") int attempt, @Param("epoch") int epoch,
            @Param("phase") String phase, @Param("progress") double progress, @Param("loss") Double loss,
            @Param("eta") Double eta, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.SUCCEEDED, j.modelId = :modelId, j.progress = 1,
                   j.etaSeconds = 0, j.finishedAt = :now, j.updatedAt = :now, j.stopReason = :stopReason,
                   j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt
               and j.status in (dev.hourglass.job.JobStatus.RUNNING, dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    int succeed(@Param("id") UUID id, @Param("attempt") int attempt, @Param("modelId") UUID modelId,
            @Param("stopReason") String stopReason, @Param("now") Instant now);

    /** A transform's end: its new dataset, written by the current attempt only. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.SUCCEEDED, j.resultDatasetId = :datasetId,
                   j.progress = 1, j.etaSeconds = 0, j.finishedAt = :now, j.updatedAt = :now, j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt
               and j.status in (dev.hourglass.job.JobStatus.RUNNING, dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    int succeedTransform(@Param("id") UUID id, @Param("attempt") int attempt, @Param("datasetId") UUID datasetId,
            @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.FAILED, j.error = :error, j.etaSeconds = null,
                   j.finishedAt = :now, j.updatedAt = :now, j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt
               and j.status in (dev.hourglass.job.JobStatus.QUEUED, dev.hourglass.job.JobStatus.RUNNING,
                                dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    int fail(@Param("id") UUID id, @Param("attempt") int attempt, @Param("error") String error, @Param("now") Instant now);

    /** QUEUED jobs are cancelled at once; RUNNING ones are asked to stop at the next mini-batch. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.CANCELLED, j.finishedAt = :now, j.updatedAt = :now,
                   j.etaSeconds = null, j.version = j.version + 1
             where j.id = :id and j.status = dev.hourglass.job.JobStatus.QUEUED
            """)
    int cancelQueued(@Param("id") UUID id, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.CANCEL_REQUESTED, j.updatedAt = :now,
                   j.version = j.version + 1
             where j.id = :id and j.status = dev.hourglass.job.JobStatus.RUNNING
            """)
    int requestCancel(@Param("id") UUID id, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update TrainingJob j set j.status = dev.hourglass.job.JobStatus.CANCELLED, j.finishedAt = :now, j.updatedAt = :now,
                   j.etaSeconds = null, j.version = j.version + 1
             where j.id = :id and j.attempt = :attempt
               and j.status in (dev.hourglass.job.JobStatus.RUNNING, dev.hourglass.job.JobStatus.CANCEL_REQUESTED)
            """)
    int cancelRunning(@Param("id") UUID id, @Param("attempt") int attempt, @Param("now") Instant now);

    /** Counts a run that ended in something the worker did not handle; 0 when the job is gone. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update TrainingJob j set j.retries = j.retries + 1 where j.id = :id")
    int countRetry(@Param("id") UUID id);

    @Query("select j.retries from TrainingJob j where j.id = :id")
    int retriesOf(@Param("id") UUID id);

    @Query("select j.status from TrainingJob j where j.id = :id")
    JobStatus statusOf(@Param("id") UUID id);

    /** What a running attempt polls: a cancel request, or a newer attempt that took the job over. */
    interface Ownership {
        JobStatus getStatus();

        int getAttempt();
    }

    @Query("select j.status as status, j.attempt as attempt from TrainingJob j where j.id = :id")
    Ownership ownershipOf(@Param("id") UUID id);
}
