package dev.hourglass.dataset;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DatasetRepository extends JpaRepository<Dataset, UUID> {

    Page<Dataset> findByTenantId(UUID tenantId, Pageable pageable);

    long countByTenantId(UUID tenantId);

    @Query("select coalesce(sum(d.sizeBytes), 0) from Dataset d where d.tenantId = :tenantId")
    long storedBytes(@Param("tenantId") UUID tenantId);
}
