package dev.hourglass.dataset;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DatasetDataRepository extends JpaRepository<DatasetData, UUID> {

    /** A bulk delete: {@code deleteById} would first load the (possibly hundreds of MB) blob. */
    @Modifying
    @Query("delete from DatasetData d where d.datasetId = :id")
    int deleteByDatasetId(@Param("id") UUID id);

    /** The labels alone (UTF-8 JSON array of strings, or null), without reading the features. */
    @Query("select d.labels from DatasetData d where d.datasetId = :id")
    byte[] labelsOf(@Param("id") UUID id);
}
