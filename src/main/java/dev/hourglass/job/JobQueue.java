package dev.hourglass.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job queue: one db-scheduler one-time task per job (instance id = job id) in the application's
 * database, executed by this node's worker pool. The scheduler sees the data source through a
 * transaction-aware proxy, so scheduling a job commits or rolls back together with the job row.
 */
@Component
class JobQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    static final String TASK_NAME = "train-job";

    private final TrainingWorker worker;
    private final OneTimeTask<Void> task;
    private final DataSource dataSource;
    private final WorkerProperties properties;
    /** Schedules and cancels whether or not this node's scheduler runs. */
    private final SchedulerClient client;
    private final String nodeName;
    /** Built at each start: a db-scheduler Scheduler cannot be restarted once stopped. */
    private volatile Scheduler scheduler;

    JobQueue(DataSource dataSource, WorkerProperties properties, TrainingWorker worker) {
        this.nodeName = properties.nodeName() == null || properties.nodeName().isBlank()
                ? defaultNodeName() : properties.nodeName();
        this.worker = worker;
        // The worker ends a job's own failures itself; what escapes it is either a hand-back at shutdown, which goes
        // straight back to the queue, a job whose tenant is at its running-jobs quota, put back to be claimed a
        // polling interval later, or something it could not handle (the database went away mid-run), which is
        // retried with backoff a bounded number of times. A node that dies without a hand-back stops heart-beating,
        // and another node revives its executions (db-scheduler's default).
        this.task = Tasks.oneTime(TASK_NAME)
                .onFailure(this::failed)
                .execute((instance, context) -> worker.run(UUID.fromString(instance.getId()), nodeName));
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.properties = properties;
        this.client = SchedulerClient.Builder.create(this.dataSource, task).build();
    }

    private void failed(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        Throwable cause = complete.getCause().orElse(null);
        if (cause instanceof TrainingWorker.HandedBack) {
            operations.reschedule(complete, Instant.now());
            return;
        }
        if (cause instanceof TrainingWorker.TenantAtRunningLimit) {
            operations.reschedule(complete, Instant.now().plus(properties.pollingInterval()));
            return;
        }
        Instant next = worker.retryAfter(UUID.fromString(complete.getExecution().taskInstance.getId()), cause);
        if (next == null) {
            operations.remove();
        } else {
            operations.reschedule(complete, next);
        }
    }

    private Scheduler newScheduler() {
        return Scheduler.create(dataSource, task)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(nodeName))
                .threads(properties.poolSize())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
                .failureLogging(LogLevel.INFO, false)
                .shutdownMaxWait(Duration.ofSeconds(60))
                .build();
    }

    /** Queues the job; call inside the transaction that inserts the job row. */
    void enqueue(UUID jobId, Instant when) {
        client.schedule(task.instance(jobId.toString()), when);
        Scheduler running = scheduler;
        if (running != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            // Once the job row and its execution are committed, this node's workers look at once instead of
            // at their next poll (before the commit they could not see the execution).
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    running.triggerCheckForDueExecutions();
                }
            });
        }
    }

    /** Removes a queued job's execution, if it has not been picked yet. */
    void dequeue(UUID jobId) {
        try {
            client.cancel(task.instance(jobId.toString()));
        } catch (RuntimeException e) {
            // Already picked or gone: the worker sees the job's CANCELLED status and does nothing.
            log.debug("Could not remove queued execution of job {}: {}", jobId, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        worker.resume();
        scheduler = newScheduler();
        scheduler.start();
        log.info("Job queue started on node {}", nodeName);
    }

    /**
     * Graceful shutdown: stop claiming, let running jobs stop at their next mini-batch (their last
     * epoch is checkpointed) and hand them back to the queue, where another node, or this one after
     * its restart, resumes them.
     */
    @Override
    public synchronized void stop() {
        Scheduler stopping = scheduler;
        scheduler = null;
        worker.drain();
        if (stopping != null) {
            stopping.stop();
        }
        log.info("Job queue stopped on node {}", nodeName);
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
