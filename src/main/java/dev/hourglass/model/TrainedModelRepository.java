package dev.hourglass.model;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TrainedModelRepository extends JpaRepository<TrainedModel, UUID> {
    Page<TrainedModel> findAllByOrderByCreatedAtDesc(Pageable pageable);

    Page<TrainedModel> findByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable pageable);

    long countByTenantId(UUID tenantId);

    boolean existsByIdAndTenantId(UUID id, UUID tenantId);

    /** The bytes of the tenant's model files (octet_length reads a stored blob's size, not its content). */
    @Query(value = """
            select coalesce(sum(octet_length(a.content)), 0) from model_artifact a
              join trained_model m on m.id = a.model_id where m.tenant_id = :tenantId
            """, nativeQuery = true)
    long storedBytes(@Param("tenantId") UUID tenantId);
}
