package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.MetricState;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information of {@link MetricState}, so its state never falls back to Kryo. */
public final class MetricStateTypeInfo extends TypeInformation<MetricState> {

    private static final long serialVersionUID = 1L;

    public static final MetricStateTypeInfo INSTANCE = new MetricStateTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<MetricState> getTypeClass() {
        return MetricState.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<MetricState> createSerializer(ExecutionConfig config) {
        return MetricStateSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "MetricState";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricStateTypeInfo;
    }

    @Override
    public int hashCode() {
        return MetricStateTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof MetricStateTypeInfo;
    }
}
