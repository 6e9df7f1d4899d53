package dev.hourglass.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as the admin API shows it. */
record TenantView(UUID id, String name, Instant createdAt) {
}
