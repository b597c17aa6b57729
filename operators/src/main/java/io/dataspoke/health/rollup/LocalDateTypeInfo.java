package io.dataspoke.health.rollup;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.LocalTimeTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Lets Flink serialize {@link LocalDate} fields with its own date serializer: on its own, Flink
 * 1.20's type extraction treats {@code LocalDate} as a generic type (Kryo), which the jobs disable.
 * Put {@code @TypeInfo(LocalDateTypeInfo.class)} on the field.
 */
public class LocalDateTypeInfo extends TypeInfoFactory<LocalDate> {

    @Override
    public TypeInformation<LocalDate> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return LocalTimeTypeInfo.LOCAL_DATE;
    }
}
