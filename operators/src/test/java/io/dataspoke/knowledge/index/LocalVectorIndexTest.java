package io.dataspoke.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded index's search semantics and its persistence on disk. */
class LocalVectorIndexTest {

    @TempDir Path dir;

    @Test
    void fusesDenseAndSparseRankingsByReciprocalRank() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.inMemory()) {
            index.create(2);
            index.upsert(
                    List.of(
                            point("a", new float[] {1, 0}, Map.of(1, 1f), "a", 90.0, false),
                            point("b", new float[] {0.8f, 0.6f}, Map.of(2, 1f), "b", 90.0, false),
                            point(
                                    "c",
                                    new float[] {0, 1},
                                    Map.of(1, 0.5f, 2, 1f),
                                    "c",
                                    90.0,
                                    false)));

            // Dense alone: a (1.0), b (0.8), c (0).
            assertThat(ids(index.search(new float[] {1, 0}, null, SearchFilter.NONE, 3)))
                    .containsExactly("a", "b", "c");
            // Sparse alone on term 2: c and b both hold it with weight 1; term 1 adds to c.
            assertThat(
                            ids(
                                    index.search(
                                            null,
                                            SparseVector.of(Map.of(1, 1f, 2, 1f)),
                                            SearchFilter.NONE,
                                            3)))
                    .startsWith("c");
            // Fused: a is 1st dense and 2nd..3rd sparse; c is 1st sparse and 3rd dense.
            List<ScoredPoint> fused =
                    index.search(
                            new float[] {1, 0},
                            SparseVector.of(Map.of(1, 1f, 2, 1f)),
                            SearchFilter.NONE,
                            3);
            assertThat(fused).hasSize(3);
            assertThat(fused.get(0).score())
                    .isLessThanOrEqualTo(2.0 / (VectorIndex.RRF_K + 1))
                    .isGreaterThan(1.0 / (VectorIndex.RRF_K + 3));
        }
    }

    @Test
    void idfFavoursRareTerms() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.inMemory()) {
            index.create(1);
            index.upsert(
                    List.of(
                            point("common-1", new float[] {1}, Map.of(1, 1f), "x", null, false),
                            point("common-2", new float[] {1}, Map.of(1, 1f), "x", null, false),
                            point("rare", new float[] {1}, Map.of(2, 1f), "x", null, false)));

            List<ScoredPoint> hits =
                    index.search(null, SparseVector.of(Map.of(1, 1f, 2, 1f)), SearchFilter.NONE, 3);

            assertThat(hits.get(0).id()).isEqualTo("rare");
            assertThat(hits.get(0).score()).isCloseTo(LocalVectorIndex.idf(3, 1), within());
            assertThat(hits.get(1).score()).isCloseTo(LocalVectorIndex.idf(3, 2), within());
        }
    }

    @Test
    void filtersOnPayload() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.inMemory()) {
            index.create(1);
            index.upsert(
                    List.of(
                            point("healthy", new float[] {1}, Map.of(1, 1f), "pay", 80.0, false),
                            point("poor", new float[] {1}, Map.of(1, 1f), "pay", 20.0, false),
                            point("old", new float[] {1}, Map.of(1, 1f), "pay", 90.0, true)));

            SearchFilter healthy = new SearchFilter(null, null, null, null, 50.0, false);

            assertThat(ids(index.search(new float[] {1}, null, healthy, 10)))
                    .containsExactly("healthy");
            assertThat(
                            ids(
                                    index.search(
                                            new float[] {1},
                                            null,
                                            new SearchFilter("hive", null, null, null, null, true),
                                            10)))
                    .containsExactlyInAnyOrder("healthy", "poor", "old");
            assertThat(
                            index.search(
                                    new float[] {1},
                                    null,
                                    new SearchFilter("kafka", null, null, null, null, true),
                                    10))
                    .isEmpty();
        }
    }

    @Test
    void persistsUpsertsPayloadsAndDeletesAcrossReopening() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.open(dir)) {
            index.create(2);
            index.upsert(
                    List.of(
                            point("a", new float[] {1, 0}, Map.of(1, 1f), "alpha", 10.0, false),
                            point("b", new float[] {0, 1}, Map.of(2, 1f), "beta", 20.0, false)));
            index.setPayload("a", payload("a", "alpha", 99.0, false).withQuality(99.0, "BLOCK", 2));
            index.delete(List.of("b"));
        }

        try (LocalVectorIndex reopened = LocalVectorIndex.open(dir)) {
            assertThat(reopened.count()).isEqualTo(1);
            assertThat(reopened.payload("a").orElseThrow().qualityStatus()).isEqualTo("BLOCK");
            assertThat(reopened.payload("b")).isEmpty();
            assertThat(reopened.contentHash("a")).contains("hash-a");
            assertThat(
                            ids(
                                    reopened.search(
                                            null,
                                            SparseVector.of(Map.of(1, 1f)),
                                            SearchFilter.NONE,
                                            5)))
                    .containsExactly("a");
            assertThatThrownBy(() -> reopened.create(3))
                    .hasMessageContaining("2 dimensions, not 3");
        }
    }

    @Test
    void aReaderFollowsTheWriterAndASecondWriterIsRefused() throws IOException {
        try (LocalVectorIndex writer = LocalVectorIndex.open(dir)) {
            writer.create(1);
            try (LocalVectorIndex reader = LocalVectorIndex.reader(dir)) {
                assertThat(reader.count()).isZero();
                writer.upsert(
                        List.of(point("a", new float[] {1}, Map.of(1, 1f), "a", null, false)));
                assertThat(reader.count()).isEqualTo(1);
                writer.delete(List.of("a"));
                assertThat(reader.count()).isZero();
                assertThatThrownBy(() -> reader.delete(List.of("a")))
                        .isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> LocalVectorIndex.open(dir))
                    .hasMessageContaining("open for writing by another process");
        }
    }

    @Test
    void aTornRecordAtTheEndIsDroppedNotMisread() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.open(dir)) {
            index.create(1);
            index.upsert(List.of(point("a", new float[] {1}, Map.of(1, 1f), "a", null, false)));
            index.upsert(List.of(point("b", new float[] {1}, Map.of(1, 1f), "b", null, false)));
        }
        Path log = dir.resolve(LocalVectorIndex.LOG);
        long size = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5);
        }

        try (LocalVectorIndex reopened = LocalVectorIndex.open(dir)) {
            assertThat(reopened.count()).isEqualTo(1);
            reopened.upsert(List.of(point("c", new float[] {1}, Map.of(1, 1f), "c", null, false)));
        }
        try (LocalVectorIndex again = LocalVectorIndex.reader(dir)) {
            assertThat(again.payload("a")).isPresent();
            assertThat(again.payload("b")).isEmpty();
            assertThat(again.payload("c")).isPresent();
        }
    }

    @Test
    void aCorruptRecordStopsReadingThere() throws IOException {
        try (LocalVectorIndex index = LocalVectorIndex.open(dir)) {
            index.create(1);
            index.upsert(List.of(point("a", new float[] {1}, Map.of(1, 1f), "a", null, false)));
        }
        Path log = dir.resolve(LocalVectorIndex.LOG);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), Files.size(log) - 3);
        }
        try (LocalVectorIndex reader = LocalVectorIndex.reader(dir)) {
            assertThat(reader.count()).isZero();
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-5);
    }

    private static List<String> ids(List<ScoredPoint> points) {
        return points.stream().map(ScoredPoint::id).toList();
    }

    private static IndexedDocument point(
            String id,
            float[] dense,
            Map<Integer, Float> sparse,
            String name,
            Double health,
            boolean deprecated) {
        return new IndexedDocument(
                id,
                dense,
                SparseVector.of(sparse),
                payload(id, name, health, deprecated),
                "hash-" + id);
    }

    private static DocumentPayload payload(
            String id, String name, Double health, boolean deprecated) {
        return new DocumentPayload(
                "urn:" + id,
                name,
                "hive",
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                health,
                null,
                0,
                false,
                deprecated);
    }
}
