package dev.hourglass.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * The job queue: one db-scheduler one-time task per job (instance id = job id) in the application's
 * database, executed by this node's worker pool. The scheduler sees the data source through a
 * transaction-aware proxy, so scheduling a job commits or rolls back together with the job row.
 */
@Component
class JobQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    static final String TASK_NAME = "train-job";

    private final OneTimeTask<Void> task;
    private final Scheduler scheduler;
    private final String nodeName;
    private volatile boolean running;

    JobQueue(DataSource dataSource, WorkerProperties properties, TrainingWorker worker) {
        this.nodeName = properties.nodeName() == null || properties.nodeName().isBlank()
                ? defaultNodeName() : properties.nodeName();
        this.task = Tasks.oneTime(TASK_NAME)
                .execute((instance, context) -> worker.run(UUID.fromString(instance.getId()), nodeName));
        this.scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), task)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(nodeName))
                .threads(properties.poolSize())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(Duration.ofSeconds(10))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .registerShutdownHook()
                .build();
    }

    /** Queues the job; call inside the transaction that inserts the job row. */
    void enqueue(UUID jobId, Instant when) {
        scheduler.schedule(task.instance(jobId.toString()), when);
    }

    /** Removes a queued job's execution, if it has not been picked yet. */
    void dequeue(UUID jobId) {
        try {
            scheduler.cancel(task.instance(jobId.toString()));
        } catch (RuntimeException e) {
            // Already picked or gone: the worker sees the job's CANCELLED status and does nothing.
            log.debug("Could not remove queued execution of job {}: {}", jobId, e.getMessage());
        }
    }

    String nodeName() {
        return nodeName;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
        log.info("Job queue started on node {}", nodeName);
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
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
