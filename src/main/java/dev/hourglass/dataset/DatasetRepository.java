package dev.hourglass.dataset;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DatasetRepository extends JpaRepository<Dataset, UUID> {

    long countByTenantId(UUID tenantId);

    @Query("select coalesce(sum(d.sizeBytes), 0) from Dataset d where d.tenantId = :tenantId")
    long storedBytes(@Param("tenantId") UUID tenantId);

    /** A page of datasets without reading their feature names and statistics (a DTO projection selects only these). */
    Page<Listed> findAllBy(Pageable pageable);

    /** The same, of one tenant's datasets. */
    Page<Listed> findByTenantId(UUID tenantId, Pageable pageable);

    /** The columns of a dataset a list shows; parameter names are the entity's attributes. */
    record Listed(UUID id, String name, DatasetFormat format, int rowCount, int columnCount, String labelColumn,
                  String sha256, long sizeBytes, Instant createdAt) {

        DatasetSummary toSummary() {
            return new DatasetSummary(id, name, format.slug(), rowCount, columnCount, labelColumn, sha256, sizeBytes,
                    createdAt);
        }
    }
}
