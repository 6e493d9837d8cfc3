package org.gatehouse.rest.internal.auth;

import java.io.IOException;
import java.nio.file.Path;

import org.gatehouse.rest.internal.RestComponent;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On activation, creates the first admin user in {@code ${karaf.etc}/users.properties} if it is missing (see
 * {@link AdminBootstrap}). Does nothing outside Karaf (no {@code karaf.etc}).
 */
@Component(immediate = true, configurationPid = RestComponent.PID, service = {})
public class AdminBootstrapComponent {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrapComponent.class);

    @Activate
    void activate(RestComponent.Config config, BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        if (etc == null || etc.isBlank()) {
            return;
        }
        String data = context.getProperty("karaf.data");
        Path dataDir = data == null || data.isBlank() ? Path.of(etc).resolveSibling("data") : Path.of(data);
        try {
            new AdminBootstrap(Path.of(etc), dataDir, config.admin_user(), System.getenv("GATEHOUSE_ADMIN_PASSWORD"),
                    System.out::println).run();
        } catch (IOException e) {
            LOG.error("Could not create the Gatehouse admin user in {}/users.properties", etc, e);
        }
    }
}
