package dev.hourglass.tenant;

import java.util.List;
import java.util.UUID;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Per-tenant quotas (DESIGN §8.6): a request that would take a tenant over one is a 429 {@code quota-exceeded}
 * naming the quota, with {@code Retry-After}. The counts are read when the request comes in; two requests of one
 * tenant at the same moment may both pass, which overshoots by at most one upload or job each.
 */
@Component
public class Quotas {

    static final String EXCEEDED = "quota-exceeded";
    private static final int RETRY_AFTER_SECONDS = 60;

    private final QuotaProperties limits;
    /** Looked up per call: the storing modules depend on this class, so they cannot be its constructor's arguments. */
    private final ObjectProvider<TenantStorage> storages;

    Quotas(QuotaProperties limits, ObjectProvider<TenantStorage> storages) {
        this.limits = limits;
        this.storages = storages;
    }

    /** 429 if storing {@code bytes} more would take the tenant over its stored-bytes quota. */
    public void checkStorage(UUID tenantId, long bytes) {
        long stored = storages.stream().mapToLong(s -> s.storedBytes(tenantId)).sum();
        long max = limits.maxStoredBytes().toBytes();
        if (stored + bytes > max) {
            throw exceeded("stored-bytes", "The tenant stores " + stored + " bytes; " + bytes
                    + " more would pass its quota of " + max + " (hourglass.limits.tenant.max-stored-bytes); delete "
                    + "datasets or models first");
        }
    }

    /** 429 if the tenant already has as many queued jobs as its quota allows. */
    public void checkQueued(long queued) {
        if (queued >= limits.maxQueuedJobs()) {
            throw exceeded("queued-jobs", "The tenant has " + queued + " queued jobs; its quota is "
                    + limits.maxQueuedJobs() + " (hourglass.limits.tenant.max-queued-jobs)");
        }
    }

    /** The quota's name is in the detail and, for clients to branch on, as {@code errors[0].field = "quota"}. */
    private static ApiException exceeded(String quota, String detail) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, EXCEEDED, "Quota exceeded",
                "Quota exceeded: " + quota + ". " + detail, List.of(new FieldProblem("quota", quota)))
                .retryAfter(RETRY_AFTER_SECONDS);
    }

    /** Whether a tenant with {@code running} running jobs may start one more. */
    public boolean mayStart(long running) {
        return running < limits.maxRunningJobs();
    }
}
