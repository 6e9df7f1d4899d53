package dev.hourglass.job;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobCheckpointRepository extends JpaRepository<JobCheckpoint, UUID> {
}
