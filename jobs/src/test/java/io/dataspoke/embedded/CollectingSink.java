package io.dataspoke.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink that keeps what it receives in memory of this JVM, one list per sink instance, so that a
 * test can read what a job on the embedded MiniCluster (same JVM) wrote.
 */
final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    CollectingSink() {
        RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    /** A copy of everything received so far, in arrival order. */
    @SuppressWarnings("unchecked")
    List<T> values() {
        List<Object> values = RESULTS.get(id);
        synchronized (values) {
            return (List<T>) new ArrayList<>(values);
        }
    }

    /** Forgets the received values. */
    void clear() {
        RESULTS.remove(id);
    }

    @Override
    @SuppressWarnings("deprecation") // Flink 1.20 still requires this one; 2.0 drops it.
    public SinkWriter<T> createWriter(InitContext context) {
        List<Object> values = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                values.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
