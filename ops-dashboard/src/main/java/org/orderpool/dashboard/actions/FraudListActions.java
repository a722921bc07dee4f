package org.orderpool.dashboard.actions;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.actions.ActionRejected.FieldProblem;
import org.orderpool.dashboard.actions.ConsoleActions.Effect;

/**
 * Allow and block entries on the compacted {@code fraud.lists} topic, in the canonical form fraud-check
 * looks them up by (e-mail and domain lower case, BIN digits, IP and fingerprint as given); removing
 * one writes its tombstone.
 */
public final class FraudListActions {

    /** What an operator sends to add an entry; {@code expiresAt} is an ISO instant or empty for never. */
    public record AddRequest(String type, String value, String action, String reason, String expiresAt, String actionId) {
    }

    /** What an operator sends to remove an entry. */
    public record RemoveRequest(String type, String value, String reason, String actionId) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9-]+\\.)+[a-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");
    private static final Pattern BIN = Pattern.compile("\\d{6,8}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.-]{4,128}");

    private final BoundTopics topics;
    private final PipelineView view;
    private final Clock clock;

    public FraudListActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        this.topics = topics;
        this.view = view;
        this.clock = clock;
    }

    public Effect add(final String actionId, final AddRequest request, final String operator) {
        final List<FieldProblem> problems = new ArrayList<>();
        final FraudListEntryType type = type(request.type(), problems);
        final String value = type == null ? null : canonical(type, request.value(), problems);
        final FraudListAction action = listAction(request.action(), problems);
        final String reason = required(request.reason(), "reason", problems);
        final Instant expiresAt = expiry(request.expiresAt(), problems);
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        final FraudListKey key = new FraudListKey(type, value);
        final FraudListEntry before = view.fraudListEntry(key).orElse(null);
        final FraudListEntry entry = FraudListEntry.newBuilder().setEntryType(type).setValue(value).setAction(action).setReason(reason)
                .setAddedBy(operator).setAddedAt(clock.instant()).setExpiresAt(expiresAt).build();
        return new Effect(OpsActionType.FRAUD_LIST_ADD, type.name() + ":" + value, Topics.FRAUD_LISTS.name(),
                action.name().toLowerCase(Locale.ROOT) + " " + type.name() + " " + value + (expiresAt == null ? "" : " until " + expiresAt),
                reason, before == null ? null : before.toString(), entry.toString(),
                List.of(ConsoleRecords.record(topics, Topics.FRAUD_LISTS, key, entry)),
                Map.of("entryType", type.name(), "value", value, "listAction", action.name()));
    }

    public Effect remove(final String actionId, final RemoveRequest request) {
        final List<FieldProblem> problems = new ArrayList<>();
        final FraudListEntryType type = type(request.type(), problems);
        final String value = type == null ? null : canonical(type, request.value(), problems);
        final String reason = required(request.reason(), "reason", problems);
        if (!problems.isEmpty()) {
            throw ActionRejected.invalid(problems);
        }
        final FraudListKey key = new FraudListKey(type, value);
        final FraudListEntry before = view.fraudListEntry(key).orElseThrow(() -> ActionRejected.unknown("unknown_entry",
                "fraud.lists has no " + type.name() + " entry '" + value + "'"));
        return new Effect(OpsActionType.FRAUD_LIST_REMOVE, type.name() + ":" + value, Topics.FRAUD_LISTS.name(),
                "remove " + before.getAction().name().toLowerCase(Locale.ROOT) + " entry " + type.name() + " " + value, reason,
                before.toString(), null, List.of(ConsoleRecords.record(topics, Topics.FRAUD_LISTS, key, null)),
                Map.of("entryType", type.name(), "value", value, "removed", true));
    }

    /** The value as fraud-check looks it up, or a problem naming the field. */
    static String canonical(final FraudListEntryType type, final String raw, final List<FieldProblem> problems) {
        final String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            problems.add(new FieldProblem("value", "required", "value must not be empty"));
            return null;
        }
        final String lower = value.toLowerCase(Locale.ROOT);
        final boolean valid = switch (type) {
            case EMAIL -> EMAIL.matcher(lower).matches();
            case EMAIL_DOMAIN -> DOMAIN.matcher(lower).matches();
            case IP -> IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches());
            case BIN -> BIN.matcher(value).matches();
            case CARD_FINGERPRINT -> TOKEN.matcher(value).matches();
            default -> false;
        };
        if (!valid) {
            problems.add(new FieldProblem("value", "invalid", switch (type) {
                case EMAIL -> "an e-mail address, for example buyer@example.org";
                case EMAIL_DOMAIN -> "a domain, for example example.org (no @)";
                case IP -> "an IPv4 or IPv6 address";
                case BIN -> "the card's first 6 to 8 digits (never a whole card number)";
                default -> "the card fingerprint token as the payment provider gives it (4-128 letters, digits, _ : . -)";
            }));
            return null;
        }
        return type == FraudListEntryType.EMAIL || type == FraudListEntryType.EMAIL_DOMAIN ? lower : value;
    }

    private static FraudListEntryType type(final String text, final List<FieldProblem> problems) {
        try {
            final FraudListEntryType type = FraudListEntryType.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
            if (type != FraudListEntryType.UNKNOWN) {
                return type;
            }
        } catch (final IllegalArgumentException e) {
            // reported below
        }
        problems.add(new FieldProblem("type", "invalid", "type must be CARD_FINGERPRINT, EMAIL, EMAIL_DOMAIN, IP or BIN"));
        return null;
    }

    private static FraudListAction listAction(final String text, final List<FieldProblem> problems) {
        if ("ALLOW".equalsIgnoreCase(text == null ? "" : text.strip())) {
            return FraudListAction.ALLOW;
        }
        if ("BLOCK".equalsIgnoreCase(text == null ? "" : text.strip())) {
            return FraudListAction.BLOCK;
        }
        problems.add(new FieldProblem("action", "invalid", "action must be ALLOW or BLOCK"));
        return null;
    }

    private Instant expiry(final String text, final List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            final Instant at = Instant.parse(text.strip());
            if (!at.isAfter(clock.instant())) {
                problems.add(new FieldProblem("expiresAt", "in_the_past", "expiresAt must be in the future (or empty for never)"));
            }
            return at;
        } catch (final DateTimeParseException e) {
            problems.add(new FieldProblem("expiresAt", "invalid", "expiresAt must be an ISO instant, for example 2026-12-31T23:59:00Z"));
            return null;
        }
    }

    static String required(final String text, final String field, final List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "required", field + " must not be empty"));
            return null;
        }
        if (text.length() > 500) {
            problems.add(new FieldProblem(field, "too_long", field + " must be at most 500 characters"));
            return null;
        }
        return text.strip();
    }
}
