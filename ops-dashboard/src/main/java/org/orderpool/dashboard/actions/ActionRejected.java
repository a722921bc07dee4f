package org.orderpool.dashboard.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An action the console refuses, with what was wrong, field by field; nothing was written. */
public final class ActionRejected extends RuntimeException {

    /** One problem with one field of the request. */
    public record FieldProblem(String field, String code, String message) {
    }

    private final int status;
    private final String error;
    private final List<FieldProblem> fields;

    public ActionRejected(final int status, final String error, final String message, final List<FieldProblem> fields) {
        super(message);
        this.status = status;
        this.error = error;
        this.fields = List.copyOf(fields);
    }

    /** 400: the request's fields are wrong. */
    public static ActionRejected invalid(final List<FieldProblem> fields) {
        return new ActionRejected(400, "invalid_request", "the request has " + fields.size() + " invalid field(s)", fields);
    }

    public static ActionRejected invalid(final String field, final String code, final String message) {
        return invalid(List.of(new FieldProblem(field, code, message)));
    }

    /** 404: what the action names is not known to the console. */
    public static ActionRejected unknown(final String error, final String message) {
        return new ActionRejected(404, error, message, List.of());
    }

    /** 409: the action does not fit the state it would act on. */
    public static ActionRejected conflict(final String error, final String message) {
        return new ActionRejected(409, error, message, List.of());
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        if (!fields.isEmpty()) {
            body.put("fields", fields.stream().map(f -> Map.of("field", f.field(), "code", f.code(), "message", f.message())).toList());
        }
        return body;
    }
}
