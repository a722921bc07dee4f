package org.orderpool.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private static final Schema V1 = parse("""
            {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
    private static final Schema V2_WITH_DEFAULT = parse("""
            {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int","default":0}]}""");
    private static final Schema V2_WITHOUT_DEFAULT = parse("""
            {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        final int first = registry.register("t-value", V1);

        assertThat(registry.register("t-value", V1)).isEqualTo(first);
        assertThat(registry.register("other-value", V1)).isEqualTo(first);
        assertThat(registry.latest("t-value").version()).isEqualTo(1);
    }

    @Test
    void shouldAcceptABackwardCompatibleNewVersion() {
        registry.register("t-value", V1);

        final int id = registry.register("t-value", V2_WITH_DEFAULT);

        assertThat(registry.latest("t-value")).isEqualTo(new SchemaRegistryClient.RegisteredSchema("t-value", id, 2, V2_WITH_DEFAULT));
        assertThat(registry.schemaById(id)).isEqualTo(V2_WITH_DEFAULT);
    }

    @Test
    void shouldRefuseANewFieldWithoutDefaultAsIncompatible() {
        registry.register("t-value", V1);

        assertThat(registry.isCompatible("t-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThatThrownBy(() -> registry.register("t-value", V2_WITHOUT_DEFAULT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());
    }

    @Test
    void shouldSayNotFoundForUnknownIdsAndSubjects() {
        assertThatThrownBy(() -> registry.schemaById(5))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
        assertThatThrownBy(() -> registry.idOf("t-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
        assertThat(registry.isCompatible("new-subject", V2_WITHOUT_DEFAULT)).isTrue();
    }

    private static Schema parse(final String json) {
        return new Schema.Parser().parse(json);
    }
}
