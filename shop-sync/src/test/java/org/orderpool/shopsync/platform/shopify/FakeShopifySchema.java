package org.orderpool.shopsync.platform.shopify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderpool.shopsync.platform.shopify.GraphQlDocument.TypeRef;

/**
 * The part of Shopify's GraphQL Admin API schema the fake serves, field by field as shopify.dev
 * documents it, for one API version: {@code changeFromQuantity} exists from 2026-01, {@code compareQuantity}
 * and {@code ignoreCompareQuantity} are gone from 2026-04.
 */
final class FakeShopifySchema {

    record FieldDef(String name, TypeRef type, Map<String, TypeRef> arguments) {
    }

    static final Set<String> SCALARS = Set.of("ID", "String", "Int", "Float", "Boolean", "DateTime", "URL");
    static final Map<String, Set<String>> ENUMS = Map.of(
            "FulfillmentStatus", Set.of("CANCELLED", "ERROR", "FAILURE", "SUCCESS", "OPEN", "PENDING"),
            "FulfillmentOrderStatus", Set.of("CANCELLED", "CLOSED", "INCOMPLETE", "IN_PROGRESS", "ON_HOLD", "OPEN", "SCHEDULED"),
            "FulfillmentOrderRequestStatus", Set.of("UNSUBMITTED", "SUBMITTED", "ACCEPTED", "REJECTED", "CANCELLATION_REQUESTED",
                    "CANCELLATION_ACCEPTED", "CANCELLATION_REJECTED", "CLOSED"),
            // as shopify.dev lists it for 2026-01 and later (the oldest version the connector speaks)
            "FulfillmentOrderRejectionReason", Set.of("INCORRECT_ADDRESS", "INCORRECT_PRODUCT_INFO", "INELIGIBLE_PRODUCT",
                    "INTERNATIONAL_SHIPPING_UNAVAILABLE", "INVALID_CONTACT_INFORMATION", "INVALID_SKU", "INVENTORY_OUT_OF_STOCK",
                    "MERCHANT_BLOCKED_OR_SUSPENDED", "MISSING_CUSTOMS_INFO", "ORDER_TOO_LARGE", "OTHER", "PACKAGE_PREFERENCE_NOT_SET",
                    "PAYMENT_DECLINED", "UNDELIVERABLE_DESTINATION"),
            "InventorySetQuantitiesUserErrorCode", Set.of("CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE", "INVALID_INVENTORY_ITEM",
                    "INVALID_LOCATION", "INVALID_NAME", "INVALID_REASON", "ITEM_NOT_STOCKED_AT_LOCATION", "INVALID_QUANTITY_NEGATIVE",
                    "CHANGE_FROM_QUANTITY_REQUIRED", "INVALID_REFERENCE_DOCUMENT"));
    /** The interfaces the fake knows, with the types that implement them. */
    static final Map<String, Set<String>> INTERFACES = Map.of("Node", Set.of("Order", "InventoryItem", "Location", "Fulfillment",
            "FulfillmentOrder"));

    final String version;
    final Map<String, Map<String, FieldDef>> objects = new LinkedHashMap<>();
    final Map<String, Map<String, TypeRef>> inputs = new LinkedHashMap<>();

    FakeShopifySchema(final String version) {
        this.version = version;
        object("QueryRoot", "order(id: ID!): Order", "nodes(ids: [ID!]!): [Node]!", "location(id: ID): Location");
        object("Mutation", "fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload",
                "tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload",
                "inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload",
                "fulfillmentOrderAcceptFulfillmentRequest(id: ID!, message: String, estimatedShippedAt: DateTime): "
                        + "FulfillmentOrderAcceptFulfillmentRequestPayload",
                "fulfillmentOrderRejectFulfillmentRequest(id: ID!, message: String, reason: FulfillmentOrderRejectionReason, "
                        + "lineItems: [IncomingRequestLineItemInput!]): FulfillmentOrderRejectFulfillmentRequestPayload",
                "fulfillmentOrderAcceptCancellationRequest(id: ID!, message: String): FulfillmentOrderAcceptCancellationRequestPayload",
                "fulfillmentOrderRejectCancellationRequest(id: ID!, message: String): FulfillmentOrderRejectCancellationRequestPayload");
        for (final String payload : List.of("FulfillmentOrderAcceptFulfillmentRequestPayload", "FulfillmentOrderRejectFulfillmentRequestPayload",
                "FulfillmentOrderAcceptCancellationRequestPayload", "FulfillmentOrderRejectCancellationRequestPayload")) {
            object(payload, "fulfillmentOrder: FulfillmentOrder", "userErrors: [UserError!]!");
        }
        object("Node", "id: ID!");
        object("Order", "id: ID!", "name: String!", "tags: [String!]!", "cancelledAt: DateTime",
                "fulfillments(first: Int): [Fulfillment!]!",
                "fulfillmentOrders(first: Int, after: String, displayable: Boolean): FulfillmentOrderConnection!");
        object("Fulfillment", "id: ID!", "status: FulfillmentStatus!", "createdAt: DateTime!",
                "trackingInfo(first: Int): [FulfillmentTrackingInfo!]!");
        object("FulfillmentTrackingInfo", "company: String", "number: String", "url: URL");
        object("FulfillmentOrderConnection", "nodes: [FulfillmentOrder!]!", "pageInfo: PageInfo!");
        object("PageInfo", "hasNextPage: Boolean!", "endCursor: String");
        object("FulfillmentOrder", "id: ID!", "status: FulfillmentOrderStatus!", "requestStatus: FulfillmentOrderRequestStatus!",
                "orderId: ID!",
                "assignedLocation: FulfillmentOrderAssignedLocation!",
                "lineItems(first: Int, after: String): FulfillmentOrderLineItemConnection!");
        object("FulfillmentOrderAssignedLocation", "location: Location", "name: String!");
        object("Location", "id: ID!", "name: String!");
        object("FulfillmentOrderLineItemConnection", "nodes: [FulfillmentOrderLineItem!]!", "pageInfo: PageInfo!");
        object("FulfillmentOrderLineItem", "id: ID!", "remainingQuantity: Int!", "totalQuantity: Int!", "sku: String");
        object("FulfillmentCreatePayload", "fulfillment: Fulfillment", "userErrors: [UserError!]!");
        object("UserError", "field: [String!]", "message: String!");
        object("TagsAddPayload", "node: Node", "userErrors: [UserError!]!");
        object("InventoryItem", "id: ID!", "sku: String", "tracked: Boolean!", "inventoryLevel(locationId: ID!): InventoryLevel");
        object("InventoryLevel", "id: ID!", "quantities(names: [String!]!): [InventoryQuantity!]!", "location: Location!");
        object("InventoryQuantity", "name: String!", "quantity: Int!");
        object("InventorySetQuantitiesPayload", "inventoryAdjustmentGroup: InventoryAdjustmentGroup",
                "userErrors: [InventorySetQuantitiesUserError!]!");
        object("InventoryAdjustmentGroup", "createdAt: DateTime!", "reason: String!", "referenceDocumentUri: String",
                "changes: [InventoryChange!]!");
        object("InventoryChange", "name: String!", "delta: Int!", "quantityAfterChange: Int");
        object("InventorySetQuantitiesUserError", "code: InventorySetQuantitiesUserErrorCode", "field: [String!]", "message: String!");

        input("FulfillmentInput", "lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!", "notifyCustomer: Boolean",
                "originAddress: FulfillmentOriginAddressInput", "trackingInfo: FulfillmentTrackingInput");
        input("FulfillmentOrderLineItemsInput", "fulfillmentOrderId: ID!", "fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]");
        input("FulfillmentOrderLineItemInput", "id: ID!", "quantity: Int!");
        input("IncomingRequestLineItemInput", "fulfillmentOrderLineItemId: ID!", "message: String");
        input("FulfillmentTrackingInput", "company: String", "number: String", "numbers: [String!]", "url: URL", "urls: [URL!]");
        input("FulfillmentOriginAddressInput", "address1: String", "address2: String", "city: String", "countryCode: String!",
                "provinceCode: String", "zip: String");
        final boolean before202604 = version.compareTo("2026-04") < 0;
        final boolean from202601 = version.compareTo("2026-01") >= 0;
        input("InventorySetQuantitiesInput", "name: String!", "reason: String!", "referenceDocumentUri: String",
                "quantities: [InventoryQuantityInput!]!");
        if (before202604) {
            inputs.get("InventorySetQuantitiesInput").put("ignoreCompareQuantity", GraphQlDocument.typeOf("Boolean"));
        }
        input("InventoryQuantityInput", "inventoryItemId: ID!", "locationId: ID!", "quantity: Int!");
        if (from202601) {
            inputs.get("InventoryQuantityInput").put("changeFromQuantity", GraphQlDocument.typeOf("Int"));
        }
        if (before202604) {
            inputs.get("InventoryQuantityInput").put("compareQuantity", GraphQlDocument.typeOf("Int"));
        }
    }

    boolean isLeaf(final String type) {
        return SCALARS.contains(type) || ENUMS.containsKey(type);
    }

    boolean isComposite(final String type) {
        return objects.containsKey(type);
    }

    /** Whether an object of {@code type} can stand where {@code expected} is (itself, or an interface it implements). */
    boolean fits(final String type, final String expected) {
        return type.equals(expected) || INTERFACES.getOrDefault(expected, Set.of()).contains(type);
    }

    private void object(final String name, final String... fields) {
        final Map<String, FieldDef> defs = new LinkedHashMap<>();
        for (final String field : fields) {
            final FieldDef def = field(field);
            defs.put(def.name(), def);
        }
        objects.put(name, defs);
    }

    private void input(final String name, final String... fields) {
        final Map<String, TypeRef> defs = new LinkedHashMap<>();
        for (final String field : fields) {
            final String[] parts = field.split(":", 2);
            defs.put(parts[0].strip(), GraphQlDocument.typeOf(parts[1].strip()));
        }
        inputs.put(name, defs);
    }

    /** {@code name(arg: Type, ...): Type}. */
    private static FieldDef field(final String signature) {
        final int open = signature.indexOf('(');
        final int colon = open < 0 ? signature.indexOf(':') : signature.indexOf(':', signature.indexOf(')'));
        final String name = (open < 0 ? signature.substring(0, colon) : signature.substring(0, open)).strip();
        final Map<String, TypeRef> arguments = new LinkedHashMap<>();
        if (open >= 0) {
            for (final String argument : List.of(signature.substring(open + 1, signature.indexOf(')')).split(","))) {
                final String[] parts = argument.split(":", 2);
                arguments.put(parts[0].strip(), GraphQlDocument.typeOf(parts[1].strip()));
            }
        }
        return new FieldDef(name, GraphQlDocument.typeOf(signature.substring(colon + 1).strip()), arguments);
    }
}
