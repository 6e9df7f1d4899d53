package dev.hourglass.model;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface EpochMetricRepository extends JpaRepository<EpochMetric, Long> {
    List<EpochMetric> findByJobIdOrderByIdAsc(UUID jobId);
}
