package org.gatehouse.notify.sms.http.internal;

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
 * One HTTP SMS channel per factory configuration {@code etc/org.gatehouse.notify.sms.http-<alias>.cfg}. The channel
 * is registered in {@link #activate} so that {@code gatehouse.notify.provider} can come from the configuration.
 */
@Component(name = SmsHttpComponent.PID, configurationPid = SmsHttpComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SmsHttpConfig.class, factory = true)
public class SmsHttpComponent {

    static final String PID = "org.gatehouse.notify.sms.http";

    private static final Logger LOG = LoggerFactory.getLogger(SmsHttpComponent.class);

    private final ServiceInstance<NotificationChannel> instance =
            new ServiceInstance<>(NotificationChannel.class, PID, LOG);

    @Activate
    void activate(BundleContext context, SmsHttpConfig config) {
        SmsHttpSettings settings = instance.settings(() -> SmsHttpSettings.from(config, Secrets.ENVIRONMENT));
        if (settings.usesToken() && settings.token().isEmpty()) {
            LOG.warn("SMS channel '{}' uses {{token}} but auth.token and {} are empty", settings.provider(),
                    SmsHttpSettings.TOKEN_ENV);
        }
        instance.register(context, new SmsHttpChannel(settings), serviceProperties(settings));
        LOG.info("SMS channel '{}' sends with {} to {}", settings.provider(), settings.method(),
                hostOf(settings.url().toString()));
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(SmsHttpSettings settings) {
        return Map.of(NotificationChannel.CHANNEL, SmsHttpChannel.CHANNEL_KIND,
                NotificationChannel.PROVIDER, settings.provider());
    }

    /** @return scheme and authority of a URL template, without path and query, which may hold keys */
    private static String hostOf(String url) {
        int slashes = url.indexOf("//");
        int end = url.indexOf('/', slashes < 0 ? 0 : slashes + 2);
        int query = url.indexOf('?');
        if (query >= 0 && (end < 0 || query < end)) {
            end = query;
        }
        return end < 0 ? url : url.substring(0, end);
    }
}
