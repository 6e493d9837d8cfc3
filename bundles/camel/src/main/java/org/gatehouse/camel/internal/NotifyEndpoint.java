package org.gatehouse.camel.internal;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Producer-only endpoint of {@link NotifyComponent}; the path is the channel kind. */
public class NotifyEndpoint extends DefaultEndpoint {
    private final String channel;
    private String filter;
    private String kind;
    private String language = "en";
    private String recipient;
    private String priority;
    private String fallback;
    private String post;
    private String timezone = "Asia/Shanghai";

    NotifyEndpoint(String uri, NotifyComponent component, String channel) {
        super(uri, component);
        this.channel = channel;
    }

    @Override
    public NotifyComponent getComponent() {
        return (NotifyComponent) super.getComponent();
    }

    public String getTimezone() {
        return timezone;
    }

    /** @param timezone time zone of the times in guardian messages (default Asia/Shanghai) */
    public void setTimezone(String timezone) {
        java.time.ZoneId.of(timezone); // refuses a bad zone when the endpoint is created
        this.timezone = timezone;
    }

    public String getChannel() {
        return channel;
    }

    public String getFilter() {
        return filter;
    }

    /** @param filter LDAP filter on channel service properties; empty for any channel of the kind */
    public void setFilter(String filter) {
        this.filter = filter == null || filter.isBlank() ? null : filter;
    }

    public String getKind() {
        return kind;
    }

    /**
     * @param kind message kind; default {@code alarm} for an Alarm body, {@code gate.passage} on {@code guardians}
     *             (where it also names the template), {@code message} otherwise
     */
    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getLanguage() {
        return language;
    }

    /** @param language {@code en} (default) or {@code zh-CN}: for recipients without a language of their own */
    public void setLanguage(String language) {
        this.language = language;
    }

    public String getRecipient() {
        return recipient;
    }

    /** @param recipient recipient address; header GatehouseNotifyRecipient overrides it */
    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    @Override
    public Producer createProducer() {
        return new NotifyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("gatehouse-notify is a producer only: " + getEndpointUri());
    }

    /** LOW, NORMAL or CRITICAL; empty takes it from the alarm (CRITICAL alarm: CRITICAL, else NORMAL). */
    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    /** Channel kind to fall back to when this one keeps failing (e.g. sms). */
    public String getFallback() {
        return fallback;
    }

    public void setFallback(String fallback) {
        this.fallback = fallback;
    }

    /** For {@code on-duty}: the duty post (e.g. {@code leader}); empty for everyone on duty. */
    public String getPost() {
        return post;
    }

    public void setPost(String post) {
        this.post = post == null || post.isBlank() ? null : post;
    }
}
