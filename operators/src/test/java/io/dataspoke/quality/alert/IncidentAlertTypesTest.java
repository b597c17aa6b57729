package io.dataspoke.quality.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The alert and the incident it carries travel and sit in state without Kryo. */
class IncidentAlertTypesTest {

    @Test
    void anAlertIsSerializedByFlinkItselfAndSurvivesARoundTrip() throws Exception {
        TypeInformation<IncidentAlert> type = TypeInformation.of(IncidentAlert.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(containsGeneric(type)).isFalse();
        assertThat(TypeInformation.of(Incident.class)).isInstanceOf(PojoTypeInfo.class);

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<IncidentAlert> serializer = type.createSerializer(config);

        Incident incident =
                Incidents.next(
                        Incidents.opened(),
                        Incidents.T0 + 60_000,
                        Incidents.dataset("mart.orders_daily", 1));
        IncidentAlert alert =
                new IncidentAlert(
                        incident,
                        IncidentAlert.Kind.UPDATED,
                        2,
                        new String[] {"mart.orders_daily joined (1 hop)"},
                        Severity.HIGH);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(alert, out);
        IncidentAlert back =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.dedupKey()).isEqualTo("inc-7f3a:2");
        assertThat(back.kind()).isEqualTo(IncidentAlert.Kind.UPDATED);
        assertThat(back.changes()).containsExactly("mart.orders_daily joined (1 hop)");
        assertThat(back.incident().affected()).hasSize(2);
        assertThat(back.incident().affected()[1]).isEqualTo(incident.affected()[1]);
        assertThat(back.incident().resolvedMillis()).isNull();
    }

    private static boolean containsGeneric(TypeInformation<?> type) {
        if (type instanceof GenericTypeInfo) {
            return true;
        }
        if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                if (containsGeneric(composite.getTypeAt(i))) {
                    return true;
                }
            }
        }
        if (type instanceof ObjectArrayTypeInfo<?, ?> array) {
            return containsGeneric(array.getComponentInfo());
        }
        return false;
    }
}
