package dev.hourglass.tenant;

/** What a key may do: USER works with its tenant's rows only; ADMIN sees every tenant's and runs the admin API. */
public enum Role {
    USER,
    ADMIN;

    /** Spring Security's authority for this role ({@code hasRole("ADMIN")} checks {@code ROLE_ADMIN}). */
    String authority() {
        return "ROLE_" + name();
    }
}
