package org.orderpool.runtime;

import org.orderpool.contracts.topic.Topic;

/**
 * Who a service is: its name (also its Kafka Streams application id by convention) and the
 * dead-letter topic where it puts records it cannot process. Each service declares one as a bean.
 */
public record ServiceIdentity(String name, Topic<byte[], byte[]> deadLetterTopic) {
}
