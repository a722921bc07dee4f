package org.orderpool.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialised goes to the dead-letter topic and processing goes on, unless
 * the cause is the infrastructure (registry down): then the stream thread fails, is replaced, and the
 * record is read again from the last committed offset once the registry answers.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                                                final Exception exception) {
        if (TransientFailures.isTransient(exception)) {
            LOG.warn("Not dead-lettering {}-{}@{}: the infrastructure failed ({}); the record will be read again",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return DeserializationExceptionHandler.Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
