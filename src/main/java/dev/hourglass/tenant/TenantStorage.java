package dev.hourglass.tenant;

import java.util.UUID;

/** A module that stores bytes for tenants (datasets, model files): what one tenant's rows take. */
public interface TenantStorage {

    long storedBytes(UUID tenantId);
}
