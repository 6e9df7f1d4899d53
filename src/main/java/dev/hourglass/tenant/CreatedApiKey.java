package dev.hourglass.tenant;

import java.util.UUID;

/** A new API key: {@code key} is the secret, shown here once and never again. */
record CreatedApiKey(UUID id, String key, String prefix, UUID tenantId, Role role, String name) {
}
