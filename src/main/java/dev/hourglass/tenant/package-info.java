/**
 * Tenants, API keys and quotas (DESIGN §8.6). Its API for the other modules is {@link dev.hourglass.tenant.Tenancy}
 * (whose rows a caller may see, and which tenant owns what it makes), {@link dev.hourglass.tenant.Quotas} and
 * {@link dev.hourglass.tenant.TenantStorage}; the rest is the security configuration and the admin API.
 */
package dev.hourglass.tenant;
