package dev.hourglass.model;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface TrainedModelRepository extends JpaRepository<TrainedModel, UUID> {
    Page<TrainedModel> findAllByOrderByCreatedAtDesc(Pageable pageable);
}
