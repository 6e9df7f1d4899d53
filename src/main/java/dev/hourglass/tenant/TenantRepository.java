package dev.hourglass.tenant;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface TenantRepository extends JpaRepository<Tenant, UUID> {

    List<Tenant> findAllByOrderByCreatedAtAscIdAsc();
}
