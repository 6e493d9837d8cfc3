package org.gatehouse.notify.mqtt.internal;

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

    private ServiceRegistration<NotificationChannel> registration;
    private MqttChannel channel;

    @Activate
    void activate(BundleContext context, MqttConfig config) {
        MqttSettings settings;
        try {
            settings = MqttSettings.from(config, System::getenv);
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration {}: {}", PID, e.getMessage());
            throw e;
        }
        channel = new MqttChannel(settings);
        registration = context.registerService(NotificationChannel.class, channel, serviceProperties(settings));
        LOG.info("MQTT channel '{}' publishes to {} on {} (QoS {}{})", settings.provider(), settings.topic(),
                settings.brokerUrl(), settings.qos(), settings.authenticated() ? ", authenticated" : "");
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
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    static Dictionary<String, Object> serviceProperties(MqttSettings settings) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.CHANNEL, MqttChannel.CHANNEL_KIND);
        props.put(NotificationChannel.PROVIDER, settings.provider());
        return props;
    }
}
