package org.orderpool.serde;

/** Confluent's default TopicNameStrategy: subjects {@code <topic>-key} and {@code <topic>-value}. */
public final class SubjectNames {

    private SubjectNames() {
    }

    public static String forTopic(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
