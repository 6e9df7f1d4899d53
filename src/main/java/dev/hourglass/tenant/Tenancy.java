package dev.hourglass.tenant;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whose rows the current request may see and which tenant owns what it makes, read from the authenticated
 * {@link Caller}. The services of the dataset, job and model modules filter by it, so that another tenant's id is a
 * 404 exactly like a missing one wherever it is used. Code that runs without a request (the training worker) has no
 * caller and sees every row; what it makes belongs to the job's tenant, which it passes on itself.
 */
public final class Tenancy {

    /** The tenant of every row made before tenants existed and of everything made in OPEN mode (migration V10). */
    public static final UUID DEFAULT_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private Tenancy() {
    }

    /**
     * The tenant the caller is confined to; empty for an ADMIN and for code without a caller (the worker). Every
     * request that reaches a service has a caller: SecurityConfig lets none through unauthenticated but to health,
     * static files and the API docs, which read no tenant's rows.
     */
    public static Optional<UUID> scope() {
        return caller().filter(c -> c.role() != Role.ADMIN).map(Caller::tenantId);
    }

    /** Whether a row of tenant {@code tenantId} is visible to the caller. */
    public static boolean visible(UUID tenantId) {
        return scope().map(s -> s.equals(tenantId)).orElse(true);
    }

    /** The tenant that owns what the caller makes: its key's tenant, the default tenant without a caller. */
    public static UUID owner() {
        return caller().map(Caller::tenantId).orElse(DEFAULT_TENANT);
    }

    static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller c
                ? Optional.of(c) : Optional.empty();
    }
}
