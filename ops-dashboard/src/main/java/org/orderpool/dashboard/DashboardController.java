package org.orderpool.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orderpool.carrier.documents.HandOverSlip;
import org.orderpool.carrier.documents.ManifestCsv;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.dashboard.actions.ConsoleActions;
import org.orderpool.dashboard.security.ConsoleAccess;
import org.orderpool.dashboard.security.ConsoleRole;
import org.orderpool.dashboard.security.CustomerDataMask;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's HTTP API: the overview (also pushed every second as server-sent events), an order's
 * history, a manifest's CSV and PDF, and operators' review decisions.
 */
@RestController
public class DashboardController {

    /** What an operator sends to decide a review; the operator named on the decision is the one logged in. */
    public record ReviewRequest(String verdict, String comment, String actionId) {
    }

    /** One open page's stream, and whether its viewer may see customers. */
    private record Listener(SseEmitter emitter, boolean operator) {
    }

    private final PipelineView view;
    private final ReviewDecisions decisions;
    private final ConsoleActions actions;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public DashboardController(final PipelineView view, final ReviewDecisions decisions, final ConsoleActions actions) {
        this.view = view;
        this.decisions = decisions;
        this.actions = actions;
    }

    @GetMapping("/api/overview")
    public Map<String, Object> overview(final Authentication user) {
        return ConsoleAccess.visible(user, view.overview(Instant.now()));
    }

    /** Who is logged in and what the page may offer them; reading it also issues the CSRF cookie the page's writes echo. */
    @GetMapping("/api/me")
    public Map<String, Object> me(final Authentication user, final CsrfToken csrf) {
        csrf.getToken(); // loads the deferred token, so the XSRF-TOKEN cookie is set on this response
        final boolean operator = ConsoleAccess.isOperator(user);
        return Map.of("name", user.getName(), "role", operator ? ConsoleRole.OPERATOR.name() : ConsoleRole.VIEWER.name(),
                "canAct", operator, "customersMasked", !operator);
    }

    /** The overview, pushed every second while the page is open. */
    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(final Authentication user) throws IOException {
        final SseEmitter emitter = new SseEmitter(0L);
        final Listener listener = new Listener(emitter, ConsoleAccess.isOperator(user));
        emitter.onCompletion(() -> listeners.remove(listener));
        emitter.onTimeout(() -> listeners.remove(listener));
        emitter.onError(e -> listeners.remove(listener));
        listeners.add(listener);
        emitter.send(SseEmitter.event().name("overview").data(ConsoleAccess.visible(user, view.overview(Instant.now())),
                MediaType.APPLICATION_JSON));
        return emitter;
    }

    @Scheduled(fixedRate = 1_000)
    void push() {
        if (listeners.isEmpty()) {
            return;
        }
        final Map<String, Object> overview = view.overview(Instant.now());
        final Map<String, Object> masked = CustomerDataMask.maskAs(overview);
        for (final Listener listener : listeners) {
            try {
                listener.emitter().send(SseEmitter.event().name("overview").data(listener.operator() ? overview : masked,
                        MediaType.APPLICATION_JSON));
            } catch (final IOException | IllegalStateException e) {
                listeners.remove(listener);
            }
        }
    }

    /** An order by its pool id or by the shop's own reference ({@code q=TH-1001} or {@code q=tea-house TH-1001}). */
    @GetMapping("/api/orders")
    public ResponseEntity<Object> findOrder(@RequestParam("q") final String query, final Authentication user) {
        return view.findOrder(query).map(orderId -> order(orderId, user)).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
                "error", "unknown_order", "message", "no order '" + query.trim() + "' on orders.status: give the pool order id, or the shop's "
                        + "reference (with the shop id first when several shops used it)")));
    }

    @GetMapping("/api/orders/{orderId}")
    public ResponseEntity<Object> order(@PathVariable final String orderId, final Authentication user) {
        return view.history(orderId.trim()).<ResponseEntity<Object>>map(history -> ResponseEntity.ok(Map.of("orderId", orderId.trim(),
                        "history", ConsoleAccess.visible(user, history))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown_order",
                        "message", "no status of order '" + orderId + "' on orders.status (the dashboard keeps the latest "
                                + PipelineView.MAX_ORDERS + " orders)")));
    }

    @GetMapping(path = "/api/manifests/{manifestId}.csv", produces = "text/csv")
    public ResponseEntity<byte[]> manifestCsv(@PathVariable final String manifestId, final Authentication user) {
        return view.manifest(manifestId).map(m -> visibleManifest(user, m)).map(m -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "inline; filename=\"" + manifestId + ".csv\"")
                .body(ManifestCsv.render(m).getBytes(StandardCharsets.UTF_8))).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping(path = "/api/manifests/{manifestId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> manifestPdf(@PathVariable final String manifestId, final Authentication user) {
        return view.manifest(manifestId).map(m -> visibleManifest(user, m)).map(m -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + manifestId + ".pdf\"")
                .body(HandOverSlip.render(m))).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/api/reviews/{orderId}")
    public ResponseEntity<Map<String, Object>> decide(@PathVariable final String orderId, @RequestBody final ReviewRequest request,
                                                      final Authentication user) {
        final ConsoleActions.Outcome outcome = actions.perform(request.actionId(), user,
                actionId -> decisions.decide(actionId, orderId, request.verdict(), user.getName(), request.comment()));
        return ResponseEntity.status(outcome.repeated() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(outcome.answer());
    }

    @GetMapping("/api/pick-lists")
    public List<Map<String, Object>> pickLists(final Authentication user) {
        return ConsoleAccess.visible(user, view.pickLists(Instant.now()).stream().map(PickList::json).toList());
    }

    @GetMapping(path = "/api/pick-lists/{carrierId}/{warehouseId}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> pickListPdf(@PathVariable final String carrierId, @PathVariable final String warehouseId,
                                              final Authentication user) {
        return view.pickList(carrierId, warehouseId, Instant.now()).map(list -> ConsoleAccess.isOperator(user) ? list
                        : list.masked(CustomerDataMask.MASK))
                .map(list -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header("Content-Disposition", "inline; filename=\"pick-list-" + carrierId + ".pdf\"").body(PickListPdf.render(list)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** A manifest as this person may see it: a viewer's copy has its recipients' names and addresses masked. */
    private static ShipmentManifest visibleManifest(final Authentication user, final ShipmentManifest manifest) {
        if (ConsoleAccess.isOperator(user)) {
            return manifest;
        }
        final ShipmentManifest copy = ShipmentManifest.newBuilder(manifest).build();
        copy.getParcels().forEach(parcel -> {
            final Address recipient = parcel.getRecipient();
            recipient.setName(CustomerDataMask.MASK);
            recipient.setCompany(recipient.getCompany() == null ? null : CustomerDataMask.MASK);
            recipient.setLine1(CustomerDataMask.MASK);
            recipient.setLine2(recipient.getLine2() == null ? null : CustomerDataMask.MASK);
            recipient.setPostalCode(CustomerDataMask.MASK);
            recipient.setCity(CustomerDataMask.MASK);
            recipient.setPhone(recipient.getPhone() == null ? null : CustomerDataMask.MASK);
        });
        return copy;
    }
}
