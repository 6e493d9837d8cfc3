package org.gatehouse.notify.webhook.internal;

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
 * One webhook channel per factory configuration {@code etc/org.gatehouse.notify.webhook-<alias>.cfg}. The channel is
 * registered in {@link #activate} so that {@code gatehouse.notify.provider} can come from the configuration.
 */
@Component(name = WebhookComponent.PID, configurationPid = WebhookComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = WebhookConfig.class, factory = true)
public class WebhookComponent {

    static final String PID = "org.gatehouse.notify.webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookComponent.class);

    private final ServiceInstance<NotificationChannel> instance =
            new ServiceInstance<>(NotificationChannel.class, PID, LOG);

    @Activate
    void activate(BundleContext context, WebhookConfig config) {
        WebhookSettings settings = instance.settings(() -> WebhookSettings.from(config, Secrets.ENVIRONMENT));
        instance.register(context, new WebhookChannel(settings, Clock.systemUTC()), serviceProperties(settings));
        LOG.info("Webhook channel '{}' posts to {} ({})", settings.provider(), settings.url(),
                settings.signed() ? "signed" : "unsigned");
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(WebhookSettings settings) {
        return Map.of(NotificationChannel.CHANNEL, WebhookChannel.CHANNEL_KIND,
                NotificationChannel.PROVIDER, settings.provider());
    }
}
