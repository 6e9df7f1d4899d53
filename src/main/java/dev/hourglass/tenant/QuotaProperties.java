package dev.hourglass.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hourglass.limits.tenant.*}: what one tenant may hold and run. Stored bytes count its datasets and model
 * files; queued jobs are its jobs waiting for a worker; running jobs, its jobs that workers run at once (a job over
 * that limit stays queued until one of the tenant's jobs ends).
 */
@ConfigurationProperties("hourglass.limits.tenant")
record QuotaProperties(DataSize maxStoredBytes, int maxQueuedJobs, int maxRunningJobs) {

    QuotaProperties {
        if (maxStoredBytes == null) {
            maxStoredBytes = DataSize.ofGigabytes(10);
        }
        if (maxQueuedJobs <= 0) {
            maxQueuedJobs = 20;
        }
        if (maxRunningJobs <= 0) {
            maxRunningJobs = 2;
        }
    }
}
