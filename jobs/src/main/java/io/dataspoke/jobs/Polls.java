package io.dataspoke.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A query of Postgres read every interval while a streaming job runs (new anomaly models, health
 * and status), on Flink's rate-limited data generator source: one poll per generated element, on
 * one subtask. What it reads has no event time, so its watermark is the end of time and never holds
 * back the stream it is connected to.
 */
final class Polls {

    private Polls() {}

    /**
     * The results of {@code poll}, one element per poll, every {@code interval}; read once when
     * {@code once} (a bounded replay must be able to finish, and must not wait for a permit).
     */
    static <B> DataStream<B> every(
            StreamExecutionEnvironment env,
            GeneratorFunction<Long, B> poll,
            TypeInformation<B> type,
            Duration interval,
            boolean once,
            String name,
            String uid) {
        DataGeneratorSource<B> source =
                new DataGeneratorSource<>(
                        poll,
                        once ? 1 : Long.MAX_VALUE,
                        once
                                ? RateLimiterStrategy.noOp()
                                : RateLimiterStrategy.perSecond(1000.0 / interval.toMillis()),
                        type);
        return env.fromSource(source, endOfTime(), name).uid(uid).setParallelism(1);
    }

    private static <B> WatermarkStrategy<B> endOfTime() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(B event, long ts, WatermarkOutput out) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput out) {
                                out.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }
}
