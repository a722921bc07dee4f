package org.orderpool.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderpool.contracts.evolution.SchemaEvolutionGuard;
import org.orderpool.contracts.topic.Topics;

class SchemaEvolutionGuardTest {

    private static final Path RELEASED = Path.of("released");
    private static final String SUBJECT = "orders.accepted-value";

    @Test
    void shouldFindTheCurrentContractBackwardCompatibleWithEveryReleasedSchema() {
        final List<String> problems = new SchemaEvolutionGuard(RELEASED).check(Topics.subjects());

        assertThat(problems).as("schema changes that would break consumers").isEmpty();
    }

    @Test
    void shouldRejectANewFieldWithoutDefault() {
        final Schema changed = withExtraField(Order.getClassSchema(), "{\"name\":\"giftWrap\",\"type\":\"boolean\",\"doc\":\"x\"}");

        final List<String> problems = new SchemaEvolutionGuard(RELEASED).check(Map.of(SUBJECT, changed));

        assertThat(problems).singleElement().asString()
                .contains(SUBJECT)
                .containsPattern("not backward compatible with released v\\d+")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("giftWrap");
    }

    @Test
    void shouldRejectAChangedFieldType() {
        final Schema order = Order.getClassSchema();
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : order.getFields()) {
            final Schema type = field.name().equals("shopOrderRef") ? Schema.create(Schema.Type.INT) : field.schema();
            fields.add(new Schema.Field(field.name(), type, field.doc(), field.defaultVal()));
        }
        final Schema changed = Schema.createRecord(order.getName(), order.getDoc(), order.getNamespace(), false, fields);

        assertThat(new SchemaEvolutionGuard(RELEASED).check(Map.of(SUBJECT, changed)))
                .singleElement().asString().contains("TYPE_MISMATCH");
    }

    @Test
    void shouldAcceptANewFieldWithADefault() {
        final Schema changed = withExtraField(Order.getClassSchema(),
                "{\"name\":\"giftWrap\",\"type\":\"boolean\",\"default\":false,\"doc\":\"x\"}");

        assertThat(new SchemaEvolutionGuard(RELEASED).check(Map.of(SUBJECT, changed))).isEmpty();
    }

    @Test
    void shouldReportASubjectThatWasNeverReleased() {
        assertThat(new SchemaEvolutionGuard(RELEASED).check(Map.of("brand.new-value", Order.getClassSchema())))
                .singleElement().asString().contains("no released version");
    }

    @Test
    void shouldReleaseOnlyChangedSchemasAsTheNextVersion(@TempDir final Path dir) throws Exception {
        final SchemaEvolutionGuard guard = new SchemaEvolutionGuard(dir);
        guard.release(Map.of(SUBJECT, Order.getClassSchema()));

        assertThat(guard.release(Map.of(SUBJECT, Order.getClassSchema()))).isEmpty();
        final Schema compatible = withExtraField(Order.getClassSchema(),
                "{\"name\":\"giftWrap\",\"type\":\"boolean\",\"default\":false,\"doc\":\"x\"}");
        assertThat(guard.release(Map.of(SUBJECT, compatible))).containsExactly(dir.resolve(SUBJECT).resolve("v2.avsc"));
        assertThat(guard.latestRelease(SUBJECT)).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.schema()).isEqualTo(compatible);
        });
    }

    @Test
    void shouldRefuseToReleaseAnIncompatibleSchema(@TempDir final Path dir) {
        final SchemaEvolutionGuard guard = new SchemaEvolutionGuard(dir);
        guard.release(Map.of(SUBJECT, Order.getClassSchema()));
        final Schema incompatible = withExtraField(Order.getClassSchema(), "{\"name\":\"giftWrap\",\"type\":\"boolean\",\"doc\":\"x\"}");

        assertThatThrownBy(() -> guard.release(Map.of(SUBJECT, incompatible)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("giftWrap");
        assertThat(Files.exists(dir.resolve(SUBJECT).resolve("v2.avsc"))).isFalse();
    }

    private static Schema withExtraField(final Schema schema, final String fieldJson) {
        final String json = schema.toString();
        final int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }
}
