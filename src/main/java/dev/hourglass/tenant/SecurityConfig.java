package dev.hourglass.tenant;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what (DESIGN §8.6). Health, the dashboard's static files, Swagger UI and the OpenAPI document are
 * public; the admin API and the actuator's other endpoints (Prometheus, metrics) need an ADMIN key; everything else
 * any valid key. A stateless API of bearer keys: no CSRF tokens, no session, no basic or form login.
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties({SecurityProperties.class, QuotaProperties.class})
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, Tenants tenants, SecurityProperties properties, JsonMapper json)
            throws Exception {
        if (properties.mode() == SecurityProperties.Mode.OPEN) {
            log.warn("hourglass.security.mode is OPEN: anyone who can reach the port can do anything, as an ADMIN of "
                    + "the default tenant. Set HOURGLASS_SECURITY_MODE=API_KEY and HOURGLASS_ADMIN_KEY to require keys.");
        } else if (properties.adminKey() == null) {
            log.warn("hourglass.security.mode is API_KEY but no HOURGLASS_ADMIN_KEY is set: only keys already in the "
                    + "database can call the service");
        }
        SecurityProblems problems = new SecurityProblems(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .addFilterBefore(new ApiKeyFilter(tenants, properties.mode()), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(authorize -> authorize
                        // the request was authorized when it came in; its async and error dispatches were too
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v2/health/live", "/v2/health/ready").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/", "/index.html", "/app.css", "/js/**", "/webjars/**", "/favicon.ico",
                                "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }
}
