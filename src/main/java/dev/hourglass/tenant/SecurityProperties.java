package dev.hourglass.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hourglass.security.*}: {@code mode} OPEN (every request acts as an ADMIN of the default tenant) or API_KEY,
 * and the bootstrap admin key ({@code HOURGLASS_ADMIN_KEY}), which belongs to the default tenant.
 */
@ConfigurationProperties("hourglass.security")
record SecurityProperties(Mode mode, String adminKey) {

    enum Mode {
        OPEN,
        API_KEY
    }

    SecurityProperties {
        if (mode == null) {
            mode = Mode.OPEN;
        }
        if (adminKey != null && adminKey.isBlank()) {
            adminKey = null;
        }
    }
}
