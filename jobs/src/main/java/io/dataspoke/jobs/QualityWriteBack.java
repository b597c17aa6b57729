package io.dataspoke.jobs;

import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.Incident;
import io.dataspoke.sinks.datahub.DataHubWrite;
import io.dataspoke.sinks.datahub.QualityAspects;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** The quality monitor's writes to DataHub: assertions with their runs, and incidents. */
final class QualityWriteBack {

    private QualityWriteBack() {}

    /** The key of a check: one DataHub assertion per dataset and check. */
    static String checkKey(CheckResult result) {
        return result.datasetUrn() + "\n" + result.checkId();
    }

    /**
     * Keyed by {@link #checkKey}: the check's assertionInfo the first time it is evaluated, then an
     * assertionRunEvent for every evaluation.
     */
    static final class AssertionWrites
            extends KeyedProcessFunction<String, CheckResult, DataHubWrite> {

        private transient ValueState<Boolean> defined;

        @Override
        public void open(OpenContext openContext) {
            defined =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("defined", Types.BOOLEAN));
        }

        @Override
        public void processElement(CheckResult result, Context ctx, Collector<DataHubWrite> out)
                throws Exception {
            if (defined.value() == null) {
                out.collect(QualityAspects.assertionInfo(result));
                defined.update(true);
            }
            out.collect(QualityAspects.assertionRunEvent(result));
        }
    }

    /** Every incident revision as DataHub's incidentInfo (raised, updated, resolved). */
    static final class IncidentWrites implements MapFunction<Incident, DataHubWrite> {
        @Override
        public DataHubWrite map(Incident incident) {
            return QualityAspects.incidentInfo(incident);
        }
    }
}
