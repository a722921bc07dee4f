package org.orderpool.dashboard.actions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.security.ConsoleAccess;
import org.orderpool.dashboard.security.ConsoleRole;
import org.springframework.security.core.Authentication;

/**
 * Runs the console's actions: each once per action id (the page makes one per form or button, so a
 * double click or a resent request takes effect once), each written with its {@code ops.audit} record
 * in one transaction, the actor always the logged-in user. An action whose id the audit trail already
 * holds (written before a restart) is not done again. It owns no rule of any action: each action
 * builds its own {@link Effect} or refuses with {@link ActionRejected}.
 */
public final class ConsoleActions {

    /** What one action writes, and what the audit trail says about it. */
    public record Effect(OpsActionType action, String target, String topic, String summary, String reason, String before, String after,
                         List<ProducerRecord<byte[], byte[]>> records, Map<String, Object> answer) {
    }

    /** What the console answers: the action's own answer, and whether this request only repeated an action already done. */
    public record Outcome(String actionId, Map<String, Object> answer, boolean repeated) {
    }

    static final int REMEMBERED = 1_000;
    private static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{7,63}");

    private final ConsoleRecords records;
    private final BoundTopics topics;
    private final Predicate<String> auditedBefore;
    private final Clock clock;
    private final LinkedHashMap<String, Outcome> done = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Outcome> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param auditedBefore whether the audit trail read from {@code ops.audit} holds an action id (a restarted console's memory) */
    public ConsoleActions(final ConsoleRecords records, final BoundTopics topics, final Predicate<String> auditedBefore, final Clock clock) {
        this.records = records;
        this.topics = topics;
        this.auditedBefore = auditedBefore;
        this.clock = clock;
    }

    /**
     * Does the action once: {@code requestedId} null makes a new id (a script that does not need the
     * guard); a known id answers what the first request did, writing nothing.
     */
    public synchronized Outcome perform(final String requestedId, final Authentication user, final Function<String, Effect> action) {
        if (!ConsoleAccess.isOperator(user)) {
            throw new ActionRejected(403, "forbidden", "actions need the OPERATOR role", List.of());
        }
        final String actionId = requestedId == null || requestedId.isBlank() ? UUID.randomUUID().toString() : requestedId.trim();
        if (!ACTION_ID.matcher(actionId).matches()) {
            throw ActionRejected.invalid("actionId", "invalid", "actionId must be 8-64 letters, digits, '-' or '_' (the page makes a UUID)");
        }
        final Outcome earlier = done.get(actionId);
        if (earlier != null) {
            return new Outcome(actionId, earlier.answer(), true);
        }
        if (auditedBefore.test(actionId)) {
            return new Outcome(actionId, Map.of("actionId", actionId, "message", "this action was done before (it is on ops.audit)"), true);
        }
        final Effect effect = action.apply(actionId);
        final OpsAuditRecord audit = OpsAuditRecord.newBuilder().setActionId(actionId).setActor(user.getName())
                .setActorRole(ConsoleRole.OPERATOR.name()).setAction(effect.action()).setTarget(effect.target()).setTopic(effect.topic())
                .setSummary(effect.summary()).setReason(effect.reason()).setBefore(effect.before()).setAfter(effect.after())
                .setOccurredAt(clock.instant()).build();
        final List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>(effect.records());
        all.add(ConsoleRecords.record(topics, Topics.OPS_AUDIT, actionId, audit));
        records.write(all);
        final Map<String, Object> answer = new LinkedHashMap<>(effect.answer());
        answer.put("actionId", actionId);
        answer.put("action", effect.action().name());
        answer.put("by", user.getName());
        final Outcome outcome = new Outcome(actionId, Collections.unmodifiableMap(answer), false);
        done.put(actionId, outcome);
        return outcome;
    }
}
