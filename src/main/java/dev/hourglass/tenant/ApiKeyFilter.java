package dev.hourglass.tenant;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key ({@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}), looked
 * up in the database on every request, or, in OPEN mode, as an ADMIN of the default tenant. A request without a
 * valid key goes on unauthenticated; the authorization rules then answer 401 where a key is needed. An authenticated
 * request carries its {@link Caller#rateKey()} as the attribute {@value #RATE_KEY} for the rate limiter behind this
 * filter (none in OPEN mode).
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String RATE_KEY = "hourglass.rateKey";
    /** Set when a key was presented but is unknown or revoked, so that the 401 can say which. */
    static final String REJECTED = "hourglass.keyRejected";
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    private static final Caller OPEN = new Caller(Tenancy.DEFAULT_TENANT, Role.ADMIN, null);

    private final Tenants tenants;
    private final SecurityProperties.Mode mode;

    ApiKeyFilter(Tenants tenants, SecurityProperties.Mode mode) {
        this.tenants = tenants;
        this.mode = mode;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (mode == SecurityProperties.Mode.OPEN) {
            authenticate(OPEN);
        } else {
            String key = presentedKey(request);
            if (key != null) {
                tenants.authenticate(key).ifPresentOrElse(caller -> {
                    authenticate(caller);
                    request.setAttribute(RATE_KEY, caller.rateKey());
                }, () -> request.setAttribute(REJECTED, Boolean.TRUE));
            }
        }
        chain.doFilter(request, response);
    }

    private static void authenticate(Caller caller) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority()))));
        SecurityContextHolder.setContext(context);
    }

    /** The key of the Authorization header's Bearer scheme, else of X-API-Key; null if neither has one. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).strip();
            if (!key.isEmpty()) {
                return key;
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }
}
