package dev.hourglass.tenant;

import java.time.Instant;
import java.util.UUID;

/** An API key as {@code GET /api/v1/admin/keys} lists it: never its secret. */
record ApiKeyView(UUID id, String name, String prefix, UUID tenantId, Role role, Instant createdAt,
        Instant revokedAt) {
}
