package dev.hourglass.job;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * A checkpoint is written once per epoch and can weigh as much as the model twice over: its writes are
 * updates by id (then an insert for the first), never a read of the old row, and the early-stopping best
 * epoch's blob is only in the statement when it changed. Plain JPQL, so they run on H2 and PostgreSQL alike.
 */
interface JobCheckpointRepository extends JpaRepository<JobCheckpoint, UUID> {

    /** The epoch's state, keeping the stored best epoch's blob; 0 when the job has no checkpoint yet. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update JobCheckpoint c set c.epoch = :epoch, c.phase = :phase, c.state = :state, c.bestEpoch = :bestEpoch,
                   c.bestLoss = :bestLoss, c.node = :node, c.createdAt = :now
             where c.jobId = :id
            """)
    int updateState(@Param("id") UUID jobId, @Param("epoch") int epoch, @Param("phase") String phase,
            @Param("state") byte[] state, @Param("bestEpoch") Integer bestEpoch, @Param("bestLoss") Double bestLoss,
            @Param("node") String node, @Param("now") Instant now);

    /** As {@link #updateState}, with a new best epoch's blob. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update JobCheckpoint c set c.epoch = :epoch, c.phase = :phase, c.state = :state, c.bestEpoch = :bestEpoch,
                   c.bestLoss = :bestLoss, c.bestState = :bestState, c.node = :node, c.createdAt = :now
             where c.jobId = :id
            """)
    int updateStateAndBest(@Param("id") UUID jobId, @Param("epoch") int epoch, @Param("phase") String phase,
            @Param("state") byte[] state, @Param("bestEpoch") Integer bestEpoch, @Param("bestLoss") Double bestLoss,
            @Param("bestState") byte[] bestState, @Param("node") String node, @Param("now") Instant now);

    /** The job's first checkpoint (only its current attempt writes it: the progress update holds the job row). */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            insert into JobCheckpoint (jobId, epoch, phase, state, bestEpoch, bestLoss, bestState, node, createdAt)
            values (:id, :epoch, :phase, :state, :bestEpoch, :bestLoss, :bestState, :node, :now)
            """)
    int insert(@Param("id") UUID jobId, @Param("epoch") int epoch, @Param("phase") String phase,
            @Param("state") byte[] state, @Param("bestEpoch") Integer bestEpoch, @Param("bestLoss") Double bestLoss,
            @Param("bestState") byte[] bestState, @Param("node") String node, @Param("now") Instant now);

    /** A bulk delete: the checkpoint's blobs are never loaded just to remove them. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from JobCheckpoint c where c.jobId = :id")
    int deleteByJob(@Param("id") UUID jobId);
}
