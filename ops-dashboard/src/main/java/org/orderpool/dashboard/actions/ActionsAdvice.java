package org.orderpool.dashboard.actions;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused action's answer: its status and field-level problems as JSON; a body that is not JSON is a 400 too. */
@RestControllerAdvice
public class ActionsAdvice {

    @ExceptionHandler(ActionRejected.class)
    ResponseEntity<Map<String, Object>> rejected(final ActionRejected rejected) {
        return ResponseEntity.status(rejected.status()).body(rejected.body());
    }

    /** 503: nothing was written; the same action id may be sent again. */
    @ExceptionHandler(ConsoleRecords.NotWritten.class)
    ResponseEntity<Map<String, Object>> notWritten(final ConsoleRecords.NotWritten e) {
        return ResponseEntity.status(503).body(Map.of("error", "not_written", "message", e.getMessage()
                + " (nothing was written; send the same action again)"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(final HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "message", "the body must be a JSON object: "
                + e.getMostSpecificCause().getMessage()));
    }
}
