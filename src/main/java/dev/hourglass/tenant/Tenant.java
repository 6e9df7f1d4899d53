package dev.hourglass.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

/** A tenant (table {@code tenant}): the owner of datasets, jobs, models and API keys. */
@Entity
@Table(name = "tenant")
class Tenant implements Persistable<UUID> {

    @Id
    private UUID id;
    private String name;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Tenant() {
    }

    Tenant(UUID id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** Ids are assigned here: a tenant is saved once and never updated. */
    @Override
    public boolean isNew() {
        return true;
    }

    TenantView toView() {
        return new TenantView(id, name, createdAt);
    }
}
