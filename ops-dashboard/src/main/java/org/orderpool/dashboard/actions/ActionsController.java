package org.orderpool.dashboard.actions;

import java.util.Map;
import org.orderpool.dashboard.actions.CalendarExceptionActions.ExceptionRequest;
import org.orderpool.dashboard.actions.DeadLetterActions.DeadLetterRequest;
import org.orderpool.dashboard.actions.FraudListActions.AddRequest;
import org.orderpool.dashboard.actions.FraudListActions.RemoveRequest;
import org.orderpool.dashboard.actions.OrderAndStockActions.CancelRequest;
import org.orderpool.dashboard.actions.OrderAndStockActions.StockRequest;
import org.orderpool.dashboard.security.ConsoleAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' actions (OPERATOR only; the security chain refuses a viewer's POST with 403). Each
 * answers 202 with what it wrote, 200 when the action id was already done, 400 with field-level
 * problems, 404 for what the console does not know, 409 when the state does not allow it.
 */
@RestController
public class ActionsController {

    private final ConsoleActions actions;
    private final FraudListActions fraudLists;
    private final OrderAndStockActions ordersAndStock;
    private final CalendarExceptionActions calendars;
    private final DeadLetterActions deadLetters;

    public ActionsController(final ConsoleActions actions, final FraudListActions fraudLists, final OrderAndStockActions ordersAndStock,
                             final CalendarExceptionActions calendars, final DeadLetterActions deadLetters) {
        this.actions = actions;
        this.fraudLists = fraudLists;
        this.ordersAndStock = ordersAndStock;
        this.calendars = calendars;
        this.deadLetters = deadLetters;
    }

    @PostMapping("/api/fraud-lists")
    public ResponseEntity<Map<String, Object>> addListEntry(@RequestBody final AddRequest request, final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> fraudLists.add(id, request, user.getName())));
    }

    @PostMapping("/api/fraud-lists/remove")
    public ResponseEntity<Map<String, Object>> removeListEntry(@RequestBody final RemoveRequest request, final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> fraudLists.remove(id, request)));
    }

    @PostMapping("/api/orders/{orderId}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable final String orderId, @RequestBody final CancelRequest request,
                                                      final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> ordersAndStock.cancel(id, orderId.trim(), request)));
    }

    @PostMapping("/api/stock/{sku}/movements")
    public ResponseEntity<Map<String, Object>> stock(@PathVariable final String sku, @RequestBody final StockRequest request,
                                                     final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> ordersAndStock.stock(id, sku.trim(), request)));
    }

    @PostMapping("/api/calendars/exceptions")
    public ResponseEntity<Map<String, Object>> calendarException(@RequestBody final ExceptionRequest request, final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> calendars.except(id, request)));
    }

    @GetMapping("/api/dead-letters/{topic}/{partition}/{offset}")
    public Map<String, Object> inspect(@PathVariable final String topic, @PathVariable final int partition, @PathVariable final long offset,
                                       final Authentication user) {
        return ConsoleAccess.visible(user, deadLetters.inspect(topic, partition, offset));
    }

    @PostMapping("/api/dead-letters/{topic}/{partition}/{offset}/redrive")
    public ResponseEntity<Map<String, Object>> redrive(@PathVariable final String topic, @PathVariable final int partition,
                                                       @PathVariable final long offset, @RequestBody final DeadLetterRequest request,
                                                       final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> deadLetters.redrive(topic, partition, offset, user.getName())));
    }

    @PostMapping("/api/dead-letters/{topic}/{partition}/{offset}/discard")
    public ResponseEntity<Map<String, Object>> discard(@PathVariable final String topic, @PathVariable final int partition,
                                                       @PathVariable final long offset, @RequestBody final DeadLetterRequest request,
                                                       final Authentication user) {
        return answer(actions.perform(request.actionId(), user, id -> deadLetters.discard(topic, partition, offset, request)));
    }

    private static ResponseEntity<Map<String, Object>> answer(final ConsoleActions.Outcome outcome) {
        return ResponseEntity.status(outcome.repeated() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(outcome.answer());
    }
}
