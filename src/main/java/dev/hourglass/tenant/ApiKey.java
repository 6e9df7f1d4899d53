package dev.hourglass.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An API key (table {@code api_key}): its prefix, by which a presented key is looked up, and the SHA-256 of the whole
 * key; the key itself is never stored. A revoked key keeps its row, with {@code revokedAt} set.
 */
@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    private UUID id;
    @Column(name = "tenant_id")
    private UUID tenantId;
    private String name;
    private String prefix;
    @Column(name = "secret_sha256")
    private String secretSha256;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(UUID id, UUID tenantId, String name, String prefix, String secretSha256, Role role, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.prefix = prefix;
        this.secretSha256 = secretSha256;
        this.role = role;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID tenantId() {
        return tenantId;
    }

    Role role() {
        return role;
    }

    String secretSha256() {
        return secretSha256;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    ApiKeyView toView() {
        return new ApiKeyView(id, name, prefix, tenantId, role, createdAt, revokedAt);
    }
}
