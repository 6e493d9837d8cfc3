package org.gatehouse.camel.internal;

import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Endpoint of {@link EventComponent}: the path is a type pattern for consumers, {@code ingest} for producers. */
public class EventEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    /**
     * Every consumer subscribes to the platform on its own, so two route bundles may consume the same URI (the
     * danger-zone and the watchlist messages both follow {@code gatehouse-alarm:raised?transitions=RAISED}).
     */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    static final String INGEST = "ingest";

    private final String path;

    EventEndpoint(String uri, EventComponent component, String path) {
        super(uri, component);
        this.path = path;
    }

    @Override
    public EventComponent getComponent() {
        return (EventComponent) super.getComponent();
    }

    public String getPath() {
        return path;
    }

    @Override
    public Producer createProducer() {
        if (!INGEST.equals(path)) {
            throw new IllegalArgumentException("Only gatehouse-event:ingest can be used as a producer: " + getEndpointUri());
        }
        return new EventProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (INGEST.equals(path)) {
            throw new IllegalArgumentException("gatehouse-event:ingest cannot be used as a consumer");
        }
        EventConsumer consumer = new EventConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
