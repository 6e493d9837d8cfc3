package org.gatehouse.notify.email.internal;

import java.time.Clock;
import java.util.Map;

import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.support.config.Secrets;
import org.gatehouse.support.osgi.ServiceInstance;
import org.osgi.framework.BundleContext;
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

    private final ServiceInstance<NotificationChannel> instance =
            new ServiceInstance<>(NotificationChannel.class, PID, LOG);

    @Activate
    void activate(BundleContext context, EmailConfig config) {
        EmailSettings settings = instance.settings(() -> EmailSettings.from(config, Secrets.ENVIRONMENT));
        instance.register(context, new EmailChannel(settings, Clock.systemUTC()), serviceProperties(settings));
        LOG.info("E-mail channel '{}' sends through {}", settings.provider(), settings);
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(EmailSettings settings) {
        return Map.of(NotificationChannel.CHANNEL, EmailChannel.CHANNEL_KIND,
                NotificationChannel.PROVIDER, settings.provider());
    }
}
