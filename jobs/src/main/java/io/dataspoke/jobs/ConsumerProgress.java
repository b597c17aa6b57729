package io.dataspoke.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a streaming job has consumed given offsets, from the offsets its Kafka source commits.
 * The source commits only when a checkpoint completes, and the JDBC sinks flush before a checkpoint
 * completes, so committed offsets at the end mean every row is in Postgres.
 */
public final class ConsumerProgress implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final String groupId;

    public ConsumerProgress(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
        this.groupId = groupId;
    }

    /** Records still to be committed before the group reaches {@code endOffsets}. */
    public long lag(Map<TopicPartition, Long> endOffsets)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    /**
     * Waits until the group has committed {@code endOffsets}, reporting the remaining lag as it
     * shrinks; fails after {@code timeout} naming how many records were still unconsumed.
     */
    public void await(Map<TopicPartition, Long> endOffsets, Duration timeout, LongConsumer lag)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = lag(endOffsets);
            lag.accept(remaining);
            if (remaining == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "consumer group "
                                + groupId
                                + " still had "
                                + remaining
                                + " records to commit after "
                                + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
