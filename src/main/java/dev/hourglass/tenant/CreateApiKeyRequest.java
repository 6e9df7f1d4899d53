package dev.hourglass.tenant;

import java.util.UUID;

/** {@code POST /api/v1/admin/keys}: the tenant the key acts for, its role and an optional name. */
record CreateApiKeyRequest(UUID tenantId, Role role, String name) {
}
