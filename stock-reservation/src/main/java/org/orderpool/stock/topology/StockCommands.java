package org.orderpool.stock.topology;

import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.stock.domain.StockMessage;

/** Between the domain's messages and the Avro records on stock-reservation's internal topics. */
final class StockCommands {

    private StockCommands() {
    }

    static StockCommand toAvro(final StockMessage message) {
        final StockCommand.Builder command = StockCommand.newBuilder();
        if (message instanceof StockMessage.ReserveLine m) {
            command.setType(StockCommandType.RESERVE_LINE).setOrderId(m.orderId()).setAttempt(m.attempt()).setSku(m.sku())
                    .setQuantity(m.quantity()).setShopId(m.shopId()).setFairShareCapPermille(permille(m.fairShareCap()))
                    .setAnnounce(m.announce());
        } else if (message instanceof StockMessage.LineOutcome m) {
            command.setType(StockCommandType.LINE_OUTCOME).setOrderId(m.orderId()).setAttempt(m.attempt()).setSku(m.sku())
                    .setHeld(m.held()).setAvailable(m.available()).setAnnounced(m.announced());
        } else if (message instanceof StockMessage.ReleaseLine m) {
            command.setType(StockCommandType.RELEASE_LINE).setOrderId(m.orderId()).setSku(m.sku()).setAttempt(m.attempt());
        } else if (message instanceof StockMessage.WaitFor m) {
            command.setType(StockCommandType.WAIT_FOR).setOrderId(m.orderId()).setSku(m.sku()).setQuantity(m.quantity())
                    .setShopId(m.shopId()).setFairShareCapPermille(permille(m.fairShareCap()));
        } else if (message instanceof StockMessage.StopWaiting m) {
            command.setType(StockCommandType.STOP_WAITING).setOrderId(m.orderId()).setSku(m.sku());
        } else if (message instanceof StockMessage.RetryOrder m) {
            command.setType(StockCommandType.RETRY_ORDER).setOrderId(m.orderId());
        } else if (message instanceof StockMessage.ConsumeLine m) {
            command.setType(StockCommandType.CONSUME_LINE).setOrderId(m.orderId()).setSku(m.sku()).setQuantity(m.quantity());
        }
        return command.build();
    }

    static StockMessage fromAvro(final StockCommand c) {
        return switch (c.getType()) {
            case RESERVE_LINE -> new StockMessage.ReserveLine(c.getOrderId(), c.getAttempt(), c.getSku(), c.getQuantity(), c.getShopId(),
                    share(c.getFairShareCapPermille()), c.getAnnounce());
            case LINE_OUTCOME -> new StockMessage.LineOutcome(c.getOrderId(), c.getAttempt(), c.getSku(), c.getHeld(), c.getAvailable(),
                    c.getAnnounced());
            case RELEASE_LINE -> new StockMessage.ReleaseLine(c.getOrderId(), c.getSku(), c.getAttempt());
            case WAIT_FOR -> new StockMessage.WaitFor(c.getOrderId(), c.getSku(), c.getQuantity(), c.getShopId(),
                    share(c.getFairShareCapPermille()));
            case STOP_WAITING -> new StockMessage.StopWaiting(c.getOrderId(), c.getSku());
            case RETRY_ORDER -> new StockMessage.RetryOrder(c.getOrderId());
            case CONSUME_LINE -> new StockMessage.ConsumeLine(c.getOrderId(), c.getSku(), c.getQuantity());
            default -> throw new IllegalArgumentException("stock command of unknown type " + c.getType() + " for order " + c.getOrderId());
        };
    }

    private static Integer permille(final Double share) {
        return share == null ? null : (int) Math.round(share * 1000);
    }

    private static Double share(final Integer permille) {
        return permille == null ? null : permille / 1000.0;
    }
}
