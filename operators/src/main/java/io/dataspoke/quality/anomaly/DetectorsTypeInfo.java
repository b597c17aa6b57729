package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.DatasetDetectors;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information of {@link DatasetDetectors}, so its state never falls back to Kryo. */
public final class DetectorsTypeInfo extends TypeInformation<DatasetDetectors> {

    private static final long serialVersionUID = 1L;

    public static final DetectorsTypeInfo INSTANCE = new DetectorsTypeInfo();

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
    public Class<DatasetDetectors> getTypeClass() {
        return DatasetDetectors.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<DatasetDetectors> createSerializer(ExecutionConfig config) {
        return DetectorsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "DatasetDetectors";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorsTypeInfo;
    }

    @Override
    public int hashCode() {
        return DetectorsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof DetectorsTypeInfo;
    }
}
