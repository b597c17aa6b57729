package io.dataspoke.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated demo history: every Kafka record in event-time order and the ground truth that says
 * what is in it (catalog, documentation gaps, injected incidents).
 *
 * @param records sorted by timestamp; records with equal timestamps keep generation order
 * @param groundTruth what a perfect DataSpoke should conclude from {@code records}
 * @param countsByTopic number of records per topic, in {@code Topics.all()} order
 */
public record DemoHistory(
        List<DemoRecord> records, GroundTruth groundTruth, Map<String, Integer> countsByTopic) {

    public DemoHistory {
        records = Collections.unmodifiableList(records);
        countsByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(countsByTopic));
    }

    /** The number of records on {@code topic}, 0 for a topic the history does not use. */
    public int count(String topic) {
        return countsByTopic.getOrDefault(topic, 0);
    }
}
