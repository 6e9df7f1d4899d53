package dev.hourglass.tenant;

import java.util.UUID;

/**
 * Who a request acts as, once its key is checked: the key's tenant and role, and the id the rate limiter counts it
 * under ({@code rateKey}: the key's id, {@code "admin"} for the bootstrap key, null in OPEN mode).
 */
public record Caller(UUID tenantId, Role role, String rateKey) {
}
