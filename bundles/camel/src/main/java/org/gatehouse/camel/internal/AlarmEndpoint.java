package org.gatehouse.camel.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.gatehouse.api.service.AlarmService.Transition;

/** Endpoint of {@link AlarmComponent}: {@code raised} consumes, {@code raise} and {@code clear} produce. */
public class AlarmEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    /**
     * Every consumer subscribes to the platform on its own, so two route bundles may consume the same URI (the
     * danger-zone and the watchlist messages both follow {@code gatehouse-alarm:raised?transitions=RAISED}).
     */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    static final String RAISED = "raised";
    static final String RAISE = "raise";
    static final String CLEAR = "clear";
    static final List<String> PATHS = List.of(RAISED, RAISE, CLEAR);

    private final String path;
    private Set<Transition> transitions = EnumSet.of(Transition.RAISED);

    AlarmEndpoint(String uri, AlarmComponent component, String path) {
        super(uri, component);
        this.path = path;
    }

    @Override
    public AlarmComponent getComponent() {
        return (AlarmComponent) super.getComponent();
    }

    public String getPath() {
        return path;
    }

    /** @return the transitions a consumer delivers */
    public Set<Transition> transitionSet() {
        return transitions;
    }

    public String getTransitions() {
        return String.join(",", transitions.stream().map(Enum::name).toList());
    }

    /** @param value comma-separated {@link Transition} names, e.g. {@code RAISED,ESCALATED} */
    public void setTransitions(String value) {
        Set<Transition> set = EnumSet.noneOf(Transition.class);
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> set.add(Transition.valueOf(s.toUpperCase(Locale.ROOT))));
        if (set.isEmpty()) {
            throw new IllegalArgumentException("transitions must name at least one transition");
        }
        transitions = set;
    }

    @Override
    public Producer createProducer() {
        if (RAISED.equals(path)) {
            throw new IllegalArgumentException("gatehouse-alarm:raised is a consumer; use raise or clear to produce");
        }
        return new AlarmProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!RAISED.equals(path)) {
            throw new IllegalArgumentException("Only gatehouse-alarm:raised can be used as a consumer: " + getEndpointUri());
        }
        AlarmConsumer consumer = new AlarmConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
