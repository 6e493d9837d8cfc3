package org.gatehouse.notify.email.internal;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;

import org.gatehouse.api.notify.NotificationChannel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One e-mail channel per factory configuration {@code etc/org.gatehouse.notify.email-<alias>.cfg}. The channel is
 * registered in {@link #activate} so that {@code gatehouse.notify.provider} can come from the configuration.
 */
@Component(name = EmailComponent.PID, configurationPid = EmailComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = EmailConfig.class, factory = true)
public class EmailComponent {

    static final String PID = "org.gatehouse.notify.email";

    private static final Logger LOG = LoggerFactory.getLogger(EmailComponent.class);

    private ServiceRegistration<NotificationChannel> registration;

    @Activate
    void activate(BundleContext context, EmailConfig config) {
        EmailSettings settings;
        try {
            settings = EmailSettings.from(config, System::getenv);
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration {}: {}", PID, e.getMessage());
            throw e;
        }
        registration = context.registerService(NotificationChannel.class,
                new EmailChannel(settings, Clock.systemUTC()), serviceProperties(settings));
        LOG.info("E-mail channel '{}' sends through {}", settings.provider(), settings);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    static Dictionary<String, Object> serviceProperties(EmailSettings settings) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.CHANNEL, EmailChannel.CHANNEL_KIND);
        props.put(NotificationChannel.PROVIDER, settings.provider());
        return props;
    }
}
