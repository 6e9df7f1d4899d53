package dev.hourglass.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API (DESIGN §8.6): tenants and their API keys. Only an ADMIN key reaches it (SecurityConfig). */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
@Tag(name = "Admin", description = "Tenants and API keys (ADMIN keys only)")
class TenantAdminController {

    private static final String TENANT = """
            {"id": "5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "name": "team-a", "createdAt": "2026-11-30T09:00:00Z"}""";
    private static final String KEY = """
            {"id": "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918", "name": "team-a ci", "prefix": "hgk_3f9a0c1b2d4e",
             "tenantId": "5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "role": "USER",
             "createdAt": "2026-11-30T09:01:00Z", "revokedAt": null}""";
    private static final String CREATED_KEY = """
            {"id": "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918",
             "key": "hgk_3f9a0c1b2d4e_Q2hhbmdlIG1lOiB0aGlzIGlzIG9ubHkgYW4gZXhhbXBsZS4",
             "prefix": "hgk_3f9a0c1b2d4e", "tenantId": "5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "role": "USER",
             "name": "team-a ci"}""";

    private final Tenants tenants;

    TenantAdminController(Tenants tenants) {
        this.tenants = tenants;
    }

    @PostMapping(path = "/tenants", consumes = "application/json")
    @Operation(operationId = "createTenant", summary = "Create a tenant")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateTenantRequest.class),
            examples = @ExampleObject(value = "{\"name\": \"team-a\"}")))
    @ApiResponse(responseCode = "201", description = "The new tenant", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TenantView.class),
            examples = @ExampleObject(value = TENANT)))
    @ApiResponse(responseCode = "422", description = "validation: the name is missing or longer than 200 characters")
    ResponseEntity<TenantView> createTenant(@RequestBody CreateTenantRequest request) {
        TenantView created = tenants.createTenant(request);
        return ResponseEntity.created(URI.create("/api/v1/admin/tenants/" + created.id())).body(created);
    }

    @GetMapping("/tenants")
    @Operation(operationId = "listTenants", summary = "List tenants, the default tenant first")
    @ApiResponse(responseCode = "200", description = "Every tenant", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = TenantView.class)),
            examples = @ExampleObject(value = "[" + TENANT + "]")))
    List<TenantView> listTenants() {
        return tenants.listTenants();
    }

    @PostMapping(path = "/keys", consumes = "application/json")
    @Operation(operationId = "createApiKey", summary = "Create an API key for a tenant; its secret is shown only here")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateApiKeyRequest.class), examples = @ExampleObject(value = """
                    {"tenantId": "5a0c7d1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "role": "USER", "name": "team-a ci"}""")))
    @ApiResponse(responseCode = "201", description = "The new key, with its secret `key`", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreatedApiKey.class),
            examples = @ExampleObject(value = CREATED_KEY)))
    @ApiResponse(responseCode = "422", description = "validation: tenantId or role missing or unknown, name too long")
    ResponseEntity<CreatedApiKey> createApiKey(@RequestBody CreateApiKeyRequest request) {
        CreatedApiKey created = tenants.createKey(request);
        return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + created.id())).body(created);
    }

    @GetMapping("/keys")
    @Operation(operationId = "listApiKeys", summary = "List API keys (never their secrets), revoked ones too")
    @ApiResponse(responseCode = "200", description = "Every key", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = ApiKeyView.class)),
            examples = @ExampleObject(value = "[" + KEY + "]")))
    List<ApiKeyView> listApiKeys() {
        return tenants.listKeys();
    }

    @DeleteMapping("/keys/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key: every node refuses it from now on")
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)")
    ResponseEntity<Void> revokeApiKey(@PathVariable UUID id) {
        tenants.revokeKey(id);
        return ResponseEntity.noContent().build();
    }
}
