package io.dataspoke.functions;

import io.dataspoke.decode.DecodeException;
import io.dataspoke.health.DatasetDocs;
import io.dataspoke.health.DocumentationAuditor;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntitySnapshot;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a dataset's documentation on every change of its entity state and emits a {@link
 * HealthReport} only when the outcome changed (score, violations, owners, domain or deletion).
 * Keyed by URN; the only state is the fingerprint of the last report, cleared with a hard delete.
 */
public class HealthAuditFunction
        extends KeyedProcessFunction<String, EntitySnapshot, HealthReport> {

    private static final Logger LOG = LoggerFactory.getLogger(HealthAuditFunction.class);

    private final HealthRulesConfig rules;

    private transient DocumentationAuditor auditor;
    private transient ValueState<String> lastReport;
    private transient Counter audits;
    private transient Counter unchanged;
    private transient Counter unreadable;

    public HealthAuditFunction(HealthRulesConfig rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        auditor = new DocumentationAuditor(rules);
        lastReport =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("last-report", Types.STRING));
        audits = getRuntimeContext().getMetricGroup().counter("healthAudits");
        unchanged = getRuntimeContext().getMetricGroup().counter("healthUnchanged");
        unreadable = getRuntimeContext().getMetricGroup().counter("healthUnreadable");
    }

    @Override
    public void processElement(EntitySnapshot entity, Context ctx, Collector<HealthReport> out)
            throws Exception {
        if (!"dataset".equals(entity.entityType())) {
            return;
        }
        if (entity.hardDeleted()) {
            if (lastReport.value() != null) {
                lastReport.clear();
                out.collect(HealthReport.hardDeleted(entity.urn(), entity.lastChangeMillis()));
            }
            return;
        }
        HealthReport report;
        try {
            report =
                    auditor.audit(
                            DatasetDocs.of(entity.urn(), entity.aspectsJson()),
                            entity.lastChangeMillis());
        } catch (DecodeException e) {
            // The decoder already rejects aspects that do not fit; this guards state written by
            // an older version. The dataset keeps its last report.
            unreadable.inc();
            LOG.warn("Cannot audit {}: {}", entity.urn(), e.getMessage());
            return;
        }
        audits.inc();
        String fingerprint = report.fingerprint();
        if (fingerprint.equals(lastReport.value())) {
            unchanged.inc();
            return;
        }
        lastReport.update(fingerprint);
        out.collect(report);
    }
}
