package io.dataspoke.jobs;

import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;
import org.apache.flink.connector.jdbc.split.JdbcGenericParameterValuesProvider;

/** The batch jobs' bounded reads of history from Postgres, through Flink's JDBC source. */
final class PostgresHistory {

    /**
     * Rows per round trip. With auto-commit off the driver reads through a cursor in chunks of this
     * size instead of holding the whole history in memory.
     */
    static final int FETCH_SIZE = 1000;

    private PostgresHistory() {}

    /**
     * The rows of {@code sql} with {@code parameters}, read once (a single split, in no set order).
     */
    static <T> JdbcSource<T> once(
            PostgresOptions postgres,
            String sql,
            Serializable[] parameters,
            ResultExtractor<T> extractor,
            Class<T> type) {
        return JdbcSource.<T>builder()
                .setDBUrl(postgres.jdbcUrl())
                .setDriverName("org.postgresql.Driver")
                .setUsername(postgres.user())
                .setPassword(postgres.password())
                .setSql(sql)
                .setJdbcParameterValuesProvider(
                        new JdbcGenericParameterValuesProvider(new Serializable[][] {parameters}))
                .setAutoCommit(false)
                .setResultSetFetchSize(FETCH_SIZE)
                .setResultExtractor(extractor)
                .setTypeInformation(TypeInformation.of(type))
                .build();
    }
}
