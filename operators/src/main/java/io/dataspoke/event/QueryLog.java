package io.dataspoke.event;

/**
 * One statement from a SQL engine's query log (format in docs/query-log-format.md). Table names are
 * already resolved to DataHub dataset URNs.
 *
 * @param status SUCCEEDED or FAILED
 * @param rows rows written (or returned, for reads), null when the engine did not say
 */
public record QueryLog(
        String engine,
        String queryId,
        String user,
        String statement,
        String[] tablesRead,
        String[] tablesWritten,
        Long rows,
        long startMillis,
        long endMillis,
        String status,
        String error) {}
