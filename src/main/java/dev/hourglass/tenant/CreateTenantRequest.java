package dev.hourglass.tenant;

/** {@code POST /api/v1/admin/tenants}: the new tenant's name (1 to 200 characters). */
record CreateTenantRequest(String name) {
}
