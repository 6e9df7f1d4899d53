package dev.hourglass.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    Optional<ApiKey> findByPrefix(String prefix);

    List<ApiKey> findAllByOrderByCreatedAtAscIdAsc();

    /** Revokes the key if it is not revoked yet; 1 if this call revoked it. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ApiKey k set k.revokedAt = :now where k.id = :id and k.revokedAt is null")
    int revoke(@Param("id") UUID id, @Param("now") Instant now);
}
