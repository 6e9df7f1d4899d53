package dev.hourglass.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants and their API keys. A key is {@code hgk_<12 hex>_<43 base64url>}: the first 16 characters are its
 * prefix, stored to find it by, and the SHA-256 of the whole key is stored to check it (in constant time). Every
 * request looks its key up here, in the database, so that a key revoked through any node is refused at once by
 * every node.
 */
@Service
class Tenants {

    static final String INVALID = "validation";
    static final int MAX_NAME = 200;
    private static final String KEY_START = "hgk_";
    private static final int PREFIX_LENGTH = KEY_START.length() + 12;

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The bootstrap admin key's SHA-256 (the key itself is not kept), or null when none is configured. */
    private final byte[] adminKeySha256;

    Tenants(TenantRepository tenants, ApiKeyRepository keys, Clock clock, SecurityProperties properties) {
        this.tenants = tenants;
        this.keys = keys;
        this.clock = clock;
        this.adminKeySha256 = properties.adminKey() == null ? null : sha256(properties.adminKey());
    }

    @Transactional
    TenantView createTenant(CreateTenantRequest request) {
        String name = request == null || request.name() == null ? null : request.name().strip();
        if (name == null || name.isEmpty()) {
            throw ApiException.invalid(INVALID, "name", "is required");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.invalid(INVALID, "name", "is " + name.length() + " characters long, at most "
                    + MAX_NAME + " are allowed");
        }
        Tenant tenant = new Tenant(UUID.randomUUID(), name, now());
        tenants.save(tenant);
        return tenant.toView();
    }

    @Transactional(readOnly = true)
    List<TenantView> listTenants() {
        return tenants.findAllByOrderByCreatedAtAscIdAsc().stream().map(Tenant::toView).toList();
    }

    @Transactional
    CreatedApiKey createKey(CreateApiKeyRequest request) {
        if (request == null || request.tenantId() == null) {
            throw ApiException.invalid(INVALID, "tenantId", "is required");
        }
        if (request.role() == null) {
            throw ApiException.invalid(INVALID, "role", "is required: USER or ADMIN");
        }
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        if (name != null && name.length() > MAX_NAME) {
            throw ApiException.invalid(INVALID, "name", "is " + name.length() + " characters long, at most "
                    + MAX_NAME + " are allowed");
        }
        if (!tenants.existsById(request.tenantId())) {
            throw ApiException.invalid(INVALID, "tenantId", "no tenant with id " + request.tenantId());
        }
        byte[] prefixBytes = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(prefixBytes);
        random.nextBytes(secret);
        String prefix = KEY_START + HexFormat.of().formatHex(prefixBytes);
        String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey stored = new ApiKey(UUID.randomUUID(), request.tenantId(), name, prefix,
                HexFormat.of().formatHex(sha256(key)), request.role(), now());
        keys.saveAndFlush(stored);
        return new CreatedApiKey(stored.id(), key, prefix, request.tenantId(), request.role(), name);
    }

    @Transactional(readOnly = true)
    List<ApiKeyView> listKeys() {
        return keys.findAllByOrderByCreatedAtAscIdAsc().stream().map(ApiKey::toView).toList();
    }

    /** Revokes the key (again: nothing changes); 404 if there is none with this id. */
    @Transactional
    void revokeKey(UUID id) {
        if (!keys.existsById(id)) {
            throw ApiException.notFound("API key", id);
        }
        keys.revoke(id, now());
    }

    /** Who a presented key acts as: empty for an unknown, malformed or revoked key. */
    @Transactional(readOnly = true)
    Optional<Caller> authenticate(String presented) {
        byte[] hash = sha256(presented);
        if (adminKeySha256 != null && MessageDigest.isEqual(hash, adminKeySha256)) {
            return Optional.of(new Caller(Tenancy.DEFAULT_TENANT, Role.ADMIN, "admin"));
        }
        if (presented.length() <= PREFIX_LENGTH || !presented.startsWith(KEY_START)) {
            return Optional.empty();
        }
        return keys.findByPrefix(presented.substring(0, PREFIX_LENGTH))
                .filter(k -> MessageDigest.isEqual(hash, HexFormat.of().parseHex(k.secretSha256())))
                .filter(k -> !k.isRevoked())
                .map(k -> new Caller(k.tenantId(), k.role(), k.id().toString()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
