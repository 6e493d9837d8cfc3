package org.gatehouse.notify.webhook.internal;

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
 * One webhook channel per factory configuration {@code etc/org.gatehouse.notify.webhook-<alias>.cfg}. The channel is
 * registered in {@link #activate} so that {@code gatehouse.notify.provider} can come from the configuration.
 */
@Component(name = WebhookComponent.PID, configurationPid = WebhookComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = WebhookConfig.class, factory = true)
public class WebhookComponent {

    static final String PID = "org.gatehouse.notify.webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);

    private ServiceRegistration<NotificationChannel> registration;

    @Activate
    void activate(BundleContext context, WebhookConfig config) {
        WebhookSettings settings;
        try {
            settings = WebhookSettings.from(config, System::getenv);
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration {}: {}", PID, e.getMessage());
            throw e;
        }
        registration = context.registerService(NotificationChannel.class,
                new WebhookChannel(settings, Clock.systemUTC()), serviceProperties(settings));
        LOG.info("Webhook channel '{}' posts to {} ({})", settings.provider(), settings.url(),
                settings.signed() ? "signed" : "unsigned");
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

    static Dictionary<String, Object> serviceProperties(WebhookSettings settings) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.CHANNEL, WebhookChannel.CHANNEL_KIND);
        props.put(NotificationChannel.PROVIDER, settings.provider());
        return props;
    }
}
