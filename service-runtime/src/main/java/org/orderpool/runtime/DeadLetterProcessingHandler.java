package org.orderpool.runtime;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes to the dead-letter topic with its original bytes and
 * processing goes on, unless the cause is the infrastructure: then the thread fails and is replaced,
 * and under exactly-once the record is processed again, with no partial output left behind. A failing
 * punctuation (no input record, nothing to dead-letter) fails too: going on would keep the state
 * changes it made before it threw, while failing discards them with the open transaction.
 *
 * <p>So does a record whose own output or state could not be serialised: that is never the input's
 * fault (a bad input fails in the deserialiser, before any processor), and a processor that forwards
 * several records may have forwarded some before the one that failed. Going on would commit those
 * with the state it changed, a half-done step (stock-reservation once held one line of an order whose
 * other line's command was never written, and the order waited for ever). Failing aborts the whole
 * step; the record is tried again, and one that keeps failing stops the service through the thread
 * failure budget, with health saying why.
 */
public class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                                           final Exception exception) {
        if (context.topic() == null) {
            LOG.error("A punctuation of {} failed; the thread is replaced and its uncommitted work discarded", context.processorNodeId(),
                    exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        if (TransientFailures.isTransient(exception)) {
            LOG.warn("Not dead-lettering {}-{}@{}: the infrastructure failed ({}); the record will be processed again",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return ProcessingExceptionHandler.Response.fail();
        }
        if (failedToSerialise(exception)) {
            LOG.error("Not dead-lettering {}-{}@{}: an output or state of its step could not be serialised; the step is aborted "
                    + "whole and the record processed again", context.topic(), context.partition(), context.offset(), exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return super.handleError(context, record, exception);
    }

    static boolean failedToSerialise(final Throwable failure) {
        return Causes.anyMatch(failure, cause -> cause instanceof SerializationException);
    }
}
