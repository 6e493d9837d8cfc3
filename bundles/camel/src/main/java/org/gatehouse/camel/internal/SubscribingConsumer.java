package org.gatehouse.camel.internal;

import java.util.function.Consumer;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer that subscribes to a platform service while started and turns each notification into one exchange,
 * processed on the notifying thread; a failed exchange goes to the consumer's exception handler.
 */
abstract class SubscribingConsumer extends DefaultConsumer {
    private AutoCloseable subscription;

    SubscribingConsumer(Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /** @return the subscription, closed when the consumer stops */
    protected abstract AutoCloseable subscribe() throws Exception;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        subscription = subscribe();
    }

    @Override
    protected void doStop() throws Exception {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        super.doStop();
    }

    /** Processes one exchange whose message {@code fill} sets; {@code what} names it in the error of a failure. */
    protected void process(Consumer<Message> fill, String what) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            fill.accept(exchange.getIn());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing " + what, exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
