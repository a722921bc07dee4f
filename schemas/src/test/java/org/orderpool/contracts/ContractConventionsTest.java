package org.orderpool.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.Topics;

/** The house rules of the contract (STYLE.md), checked over every type reachable from a topic. */
class ContractConventionsTest {

    private final List<Schema> types = reachableNamedTypes();

    @Test
    void shouldDocumentEveryTypeAndField() {
        final List<String> undocumented = new ArrayList<>();
        for (final Schema type : types) {
            if (blank(type.getDoc())) {
                undocumented.add(type.getFullName());
            }
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().stream().filter(f -> blank(f.doc()))
                        .forEach(f -> undocumented.add(type.getFullName() + "." + f.name()));
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldGiveEveryEnumADefaultSymbolSoItCanGrow() {
        assertThat(types.stream().filter(t -> t.getType() == Schema.Type.ENUM && t.getEnumDefault() == null)
                .map(Schema::getFullName)).isEmpty();
    }

    @Test
    void shouldStoreInstantsAsTimestampMillis() {
        final List<String> wrong = new ArrayList<>();
        forEachField((record, field) -> {
            if (field.name().endsWith("At") && !isTimestampMillis(field.schema())) {
                wrong.add(record.getName() + "." + field.name());
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldKeepMoneyAsIntegerMinorUnitsWithACurrency() {
        final Schema money = Money.getClassSchema();
        assertThat(money.getField("amountMinor").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(money.getField("currency").schema().getType()).isEqualTo(Schema.Type.STRING);
        final List<String> floats = new ArrayList<>();
        forEachField((record, field) -> {
            final Schema.Type type = nonNull(field.schema()).getType();
            if (type == Schema.Type.FLOAT || type == Schema.Type.DOUBLE) {
                floats.add(record.getName() + "." + field.name());
            }
        });
        assertThat(floats).as("no floating-point fields anywhere in the contract").isEmpty();
    }

    @Test
    void shouldHaveNoFieldThatCouldCarryAFullCardNumber() {
        final List<String> suspicious = new ArrayList<>();
        forEachField((record, field) -> {
            final String name = field.name().toLowerCase(Locale.ROOT);
            if (name.equals("pan") || name.contains("cardnumber") || name.equals("cvv") || name.contains("expiry")) {
                suspicious.add(record.getName() + "." + field.name());
            }
        });
        assertThat(suspicious).isEmpty();
        assertThat(PaymentFacts.getClassSchema().getFields()).extracting(Schema.Field::name)
                .contains("cardBin", "cardLastFour", "cardFingerprint", "cardCountry", "threeDSecure", "clientIp");
    }

    private void forEachField(final java.util.function.BiConsumer<Schema, Schema.Field> action) {
        types.stream().filter(t -> t.getType() == Schema.Type.RECORD)
                .forEach(record -> record.getFields().forEach(field -> action.accept(record, field)));
    }

    private static boolean isTimestampMillis(final Schema schema) {
        return nonNull(schema).getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static Schema nonNull(final Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        return schema;
    }

    private static boolean blank(final String s) {
        return s == null || s.isBlank();
    }

    private static List<Schema> reachableNamedTypes() {
        final Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final List<Schema> named = new ArrayList<>();
        Topics.subjects().values().forEach(schema -> collect(schema, seen, named));
        return named;
    }

    private static void collect(final Schema schema, final Set<Schema> seen, final List<Schema> named) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                named.add(schema);
                schema.getFields().forEach(f -> collect(f.schema(), seen, named));
            }
            case ENUM, FIXED -> named.add(schema);
            case ARRAY -> collect(schema.getElementType(), seen, named);
            case MAP -> collect(schema.getValueType(), seen, named);
            case UNION -> schema.getTypes().forEach(t -> collect(t, seen, named));
            default -> {
            }
        }
    }
}
