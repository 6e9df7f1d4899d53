package dev.hourglass.model;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ModelArtifactRepository extends JpaRepository<ModelArtifact, UUID> {
}
