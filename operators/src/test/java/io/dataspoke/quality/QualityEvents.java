package io.dataspoke.quality;

/** Quality events for tests: one factory per kind, with the fields the patterns read. */
public final class QualityEvents {

    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;

    private QualityEvents() {}

    /** {@code urn:li:dataset:(urn:li:dataPlatform:hive,<name>,PROD)}. */
    public static String dataset(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }

    public static QualityEvent schemaBreak(String urn, String column, long millis) {
        return new QualityEvent(
                urn,
                millis,
                QualityEventKind.SCHEMA,
                column,
                Outcome.FAIL,
                null,
                column,
                "column " + column + " removed",
                "team-a",
                null);
    }

    public static QualityEvent schemaRepair(String urn, String column, long millis) {
        return new QualityEvent(
                urn,
                millis,
                QualityEventKind.SCHEMA,
                column,
                Outcome.PASS,
                null,
                column,
                "column " + column + " is back",
                "team-a",
                null);
    }

    public static QualityEvent run(String job, String output, Outcome outcome, long millis) {
        return new QualityEvent(
                output,
                millis,
                QualityEventKind.RUN,
                job,
                outcome,
                null,
                null,
                outcome == Outcome.FAIL ? "error at " + millis : null,
                "team-a",
                null);
    }

    public static QualityEvent check(
            String urn, String name, String checkType, Outcome outcome, long millis) {
        return new QualityEvent(
                urn,
                millis,
                QualityEventKind.CHECK,
                name,
                outcome,
                checkType,
                null,
                name + " is " + outcome,
                "team-a",
                null);
    }

    public static QualityEvent anomaly(String urn, String metric, Outcome outcome, long millis) {
        return new QualityEvent(
                urn,
                millis,
                QualityEventKind.ANOMALY,
                metric,
                outcome,
                null,
                null,
                metric + " is anomalous",
                "team-a",
                null);
    }
}
