package org.gatehouse.notify.mqtt.internal;

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
 * One MQTT channel per factory configuration {@code etc/org.gatehouse.notify.mqtt-<alias>.cfg}. The channel is
 * registered in {@link #activate} so that {@code gatehouse.notify.provider} can come from the configuration. It
 * connects on its first send, not here, so a broker that is down does not stop the instance from starting.
 */
@Component(name = MqttComponent.PID, configurationPid = MqttComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MqttConfig.class, factory = true)
public class MqttComponent {

    static final String PID = "org.gatehouse.notify.mqtt";

    private static final Logger LOG = LoggerFactory.getLogger(MqttComponent.class);

    private final ServiceInstance<NotificationChannel> instance =
            new ServiceInstance<>(NotificationChannel.class, PID, LOG);

    @Activate
    void activate(BundleContext context, MqttConfig config) {
        MqttSettings settings = instance.settings(() -> MqttSettings.from(config, Secrets.ENVIRONMENT));
        MqttChannel channel = new MqttChannel(settings);
        instance.register(context, channel, serviceProperties(settings), channel::close);
        LOG.info("MQTT channel '{}' publishes to {} on {} (QoS {}{})", settings.provider(), settings.topic(),
                settings.brokerUrl(), settings.qos(), settings.authenticated() ? ", authenticated" : "");
    }

    @Deactivate
    void deactivate() {
        instance.unregister();
    }

    static Map<String, Object> serviceProperties(MqttSettings settings) {
        return Map.of(NotificationChannel.CHANNEL, MqttChannel.CHANNEL_KIND,
                NotificationChannel.PROVIDER, settings.provider());
    }
}
