package io.dataspoke.demo;

import io.dataspoke.event.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the demo history: a synthetic organisation's DataHub catalog with documentation gaps,
 * weeks of pipeline runs with seasonal volumes, and injected incidents, as the Kafka records
 * DataHub, OpenLineage and the SQL engines would produce, plus the ground truth. Deterministic: the
 * same {@link DemoConfig} always gives byte-identical records and ground truth.
 */
public final class DemoGenerator {

    private DemoGenerator() {}

    public static DemoHistory generate(DemoConfig config) {
        Catalog catalog = new CatalogBuilder(config.seed(), config.datasets()).build();
        Scenario scenario = new Scenario(config, catalog).plan();
        List<DemoRecord> records = new HistoryWriter(scenario).write();
        GroundTruth truth = new TruthBuilder(scenario).build();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String topic : Topics.DEFAULTS.all()) {
            counts.put(topic, 0);
        }
        for (DemoRecord r : records) {
            counts.merge(r.topic(), 1, Integer::sum);
        }
        return new DemoHistory(records, truth, counts);
    }
}
