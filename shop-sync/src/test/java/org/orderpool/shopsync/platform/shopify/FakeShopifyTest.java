package org.orderpool.shopsync.platform.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake Shopify itself: it must refuse what Shopify refuses, or the connector's tests prove nothing.
 * Requests are written by hand here, as a careless client would write them.
 */
class FakeShopifyTest {

    private static final String TOKEN = "shpat_fake_test";
    private static final String LOCATION = "gid://shopify/Location/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SET = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "k-1") { userErrors { code field message } }
            }""";

    private final FakeShopify shopify = FakeShopify.start(TOKEN, "2026-10");

    @AfterEach
    void stop() {
        shopify.close();
    }

    private HttpResponse<String> post(final String path, final String token, final String query, final Map<String, Object> variables)
            throws Exception {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shopify.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header(FakeShopify.TOKEN_HEADER, token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode graphQl(final String query, final Map<String, Object> variables) throws Exception {
        final HttpResponse<String> response = post("/admin/api/2026-10/graphql.json", TOKEN, query, variables);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, Object> quantity(final Map<String, Object> extra) {
        final Map<String, Object> quantity = new LinkedHashMap<>(Map.of("inventoryItemId", "gid://shopify/InventoryItem/1",
                "locationId", LOCATION, "quantity", 3));
        quantity.putAll(extra);
        return quantity;
    }

    private static Map<String, Object> input(final Map<String, Object> quantity) {
        return Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", List.of(quantity)));
    }

    @Test
    void shouldAnswer401WithoutTheAccessTokenAnd404ForAnotherApiVersion() throws Exception {
        assertThat(post("/admin/api/2026-10/graphql.json", null, "{ location(id: \"x\") { id } }", Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/admin/api/2026-10/graphql.json", "shpat_other", "{ location(id: \"x\") { id } }", Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(post("/admin/api/2025-01/graphql.json", TOKEN, "{ location(id: \"x\") { id } }", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseTheRemovedCompareQuantityAsAFieldNotDefinedOnTheInput() throws Exception {
        shopify.stock("gid://shopify/InventoryItem/1", LOCATION, 5);

        final JsonNode answer = graphQl(SET, input(quantity(Map.of("compareQuantity", 5))));

        assertThat(answer.path("errors").get(0).path("message").asText()).isEqualTo("Variable $input of type "
                + "InventorySetQuantitiesInput! was provided invalid value for quantities.0.compareQuantity (Field is not defined on "
                + "InventoryQuantityInput)");
        assertThat(answer.path("errors").get(0).path("extensions").path("problems").get(0).path("path").toString())
                .isEqualTo("[\"quantities\",0,\"compareQuantity\"]");
        assertThat(answer.has("data")).isFalse();
        assertThat(shopify.available("gid://shopify/InventoryItem/1", LOCATION)).isEqualTo(5);
    }

    @Test
    void shouldRefuseAMissingRequiredFieldAWrongScalarAndAMissingArgument() throws Exception {
        final Map<String, Object> noItem = new LinkedHashMap<>(quantity(Map.of("changeFromQuantity", "five")));
        noItem.remove("inventoryItemId");

        final JsonNode answer = graphQl(SET, input(noItem));
        final JsonNode missingArgument = graphQl("mutation { tagsAdd(id: \"gid://shopify/Order/1\") { userErrors { message } } }", Map.of());

        assertThat(answer.path("errors").get(0).path("message").asText()).contains("quantities.0.inventoryItemId (Expected value to not "
                + "be null)").contains("quantities.0.changeFromQuantity (Could not coerce value \"five\" to Int)");
        assertThat(missingArgument.path("errors").get(0).path("message").asText())
                .isEqualTo("Field 'tagsAdd' is missing required arguments: tags");
    }

    @Test
    void shouldRefuseAFieldTheTypeDoesNotHaveAnObjectWithoutSelectionsAndAnUndeclaredVariable() throws Exception {
        final JsonNode unknown = graphQl("query Q($id: ID!) { order(id: $id) { id trackingNumber } }", Map.of("id", "gid://shopify/Order/1"));
        final JsonNode bare = graphQl("query Q($id: ID!) { order(id: $id) }", Map.of("id", "gid://shopify/Order/1"));
        final JsonNode undeclared = graphQl("query Q { order(id: $id) { id } }", Map.of());

        assertThat(unknown.path("errors").get(0).path("message").asText()).isEqualTo("Field 'trackingNumber' doesn't exist on type 'Order'");
        assertThat(unknown.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("undefinedField");
        assertThat(bare.path("errors").get(0).path("message").asText()).startsWith("Field must have selections");
        assertThat(undeclared.path("errors").get(0).path("message").asText()).isEqualTo("Variable $id is used by Q but not declared");
    }

    @Test
    void shouldRequireAChangeFromQuantityAndTheIdempotentDirectiveFromApiVersion202604() throws Exception {
        shopify.stock("gid://shopify/InventoryItem/1", LOCATION, 5);

        final JsonNode withoutChangeFrom = graphQl(SET, input(quantity(Map.of())));
        final JsonNode withoutKey = graphQl(SET.replace(" @idempotent(key: \"k-1\")", ""), input(quantity(new LinkedHashMap<>(
                Collections.singletonMap("changeFromQuantity", null)))));

        assertThat(withoutChangeFrom.path("data").path("inventorySetQuantities").path("userErrors").get(0).path("code").asText())
                .isEqualTo("CHANGE_FROM_QUANTITY_REQUIRED");
        assertThat(withoutKey.path("errors").get(0).path("message").asText()).contains("@idempotent");
        assertThat(shopify.available("gid://shopify/InventoryItem/1", LOCATION)).isEqualTo(5);
    }

    @Test
    void shouldAnswerThrottledWithTheBucketsStatusWhenItCannotPayTheRequestedCost() throws Exception {
        shopify.bucket(20, 1);

        final JsonNode answer = graphQl("query Q($id: ID!) { order(id: $id) { id fulfillments(first: 50) { id } } }",
                Map.of("id", "gid://shopify/Order/1"));

        assertThat(answer.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(answer.path("extensions").path("cost").path("requestedQueryCost").asDouble()).isGreaterThan(20);
        assertThat(answer.path("extensions").path("cost").path("throttleStatus").path("currentlyAvailable").asDouble()).isEqualTo(20);
        assertThat(answer.path("extensions").path("cost").path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(1);
    }

    @Test
    void shouldAnswerUserErrorsForAFulfillmentOrderItDoesNotHave() throws Exception {
        final JsonNode answer = graphQl("""
                mutation F($fulfillment: FulfillmentInput!) {
                  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } }
                }""", Map.of("fulfillment", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId",
                "gid://shopify/FulfillmentOrder/404")))));

        final JsonNode payload = answer.path("data").path("fulfillmentCreate");
        assertThat(payload.path("fulfillment").isNull()).isTrue();
        assertThat(payload.path("userErrors").get(0).path("message").asText()).isEqualTo("Fulfillment order does not exist.");
        assertThat(payload.path("userErrors").get(0).path("field").toString())
                .isEqualTo("[\"fulfillment\",\"lineItemsByFulfillmentOrder\",\"0\",\"fulfillmentOrderId\"]");
    }

    @Test
    void shouldRefuseToFulfilARequestTheServiceHasNotAcceptedAndToAnswerARequestThatIsNotWaiting() throws Exception {
        shopify.order(77L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/77");
        final String foId = shopify.orders.get("gid://shopify/Order/77").fulfillmentOrders.get(0).id;

        final JsonNode fulfil = JSON.readTree(post("/admin/api/2026-10/graphql.json", TOKEN, """
                mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }""",
                Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", foId))))).body());
        assertThat(fulfil.at("/data/fulfillmentCreate/userErrors/0/message").asText()).contains("request status is submitted");

        final JsonNode cancel = JSON.readTree(post("/admin/api/2026-10/graphql.json", TOKEN, """
                mutation C($id: ID!) { fulfillmentOrderAcceptCancellationRequest(id: $id) { userErrors { field message } } }""",
                Map.of("id", foId)).body());
        assertThat(cancel.at("/data/fulfillmentOrderAcceptCancellationRequest/userErrors/0/message").asText())
                .contains("request status is submitted");

        final JsonNode badReason = JSON.readTree(post("/admin/api/2026-10/graphql.json", TOKEN, """
                mutation R($id: ID!, $reason: FulfillmentOrderRejectionReason) {
                  fulfillmentOrderRejectFulfillmentRequest(id: $id, reason: $reason) { userErrors { field message } }
                }""", Map.of("id", foId, "reason", "NO_STOCK")).body());
        assertThat(badReason.path("errors").toString()).contains("NO_STOCK");
        assertThat(shopify.requestOf("gid://shopify/Order/77")).startsWith("SUBMITTED", "OPEN");
    }
}
