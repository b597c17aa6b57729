package io.dataspoke.quality.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.PatternMatch;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Harnesses over the CEP operator exactly as a {@code *Patterns.detect} method wires it: the test
 * takes the operator, key selector and key type from the returned stream's transformation, so it
 * drives the same pattern, skip strategy, keying and match function a job runs.
 */
final class CepHarness {

    private CepHarness() {}

    @SuppressWarnings("unchecked")
    static <IN> KeyedOneInputStreamOperatorTestHarness<String, IN, PatternMatch> open(
            Class<IN> type, Function<DataStream<IN>, DataStream<PatternMatch>> detect)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<IN> input = env.fromData(List.of(), TypeInformation.of(type));
        DataStream<PatternMatch> matches = detect.apply(input);
        OneInputTransformation<IN, PatternMatch> cep =
                (OneInputTransformation<IN, PatternMatch>) matches.getTransformation();
        assertThat(cep.getUid()).as("CEP operator uid").startsWith("cep-");
        KeyedOneInputStreamOperatorTestHarness<String, IN, PatternMatch> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        (OneInputStreamOperator<IN, PatternMatch>) cep.getOperator(),
                        (KeySelector<IN, String>) cep.getStateKeySelector(),
                        (TypeInformation<String>) cep.getStateKeyType());
        harness.open();
        return harness;
    }
}
