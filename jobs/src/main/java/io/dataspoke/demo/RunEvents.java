package io.dataspoke.demo;

import io.dataspoke.demo.GroundTruth.Layer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * OpenLineage RunEvents of the demo's pipelines, built with OpenLineage's own model and serialized
 * with {@link OpenLineageClientUtils#toJson}. The job that writes a dataset lives in its team's
 * namespace; dataset namespace {@code <platform>://<team or account>} plus the DataHub dataset name
 * map back to the DataHub URN.
 */
final class RunEvents {

    static final URI PRODUCER =
            URI.create("https://github.com/dataspoke/dataspoke/tree/main/jobs/demo");

    private final OpenLineage ol = new OpenLineage(PRODUCER);

    /** A time-ordered (version 7 style) run id from the run's start and the dataset's stream. */
    static UUID runId(long startMillis, long random) {
        long msb = (startMillis << 16) | 0x7000L | (random & 0x0FFFL);
        long lsb = ((random >>> 12) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The events of one dataset's job; the parts that never change between runs are built once. */
    Job job(DemoDataset d) {
        return new Job(d);
    }

    final class Job {
        private final DemoDataset d;
        private final List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        private final OpenLineage.Job startJob;
        private final OpenLineage.Job plainJob;
        private final List<OpenLineage.OutputDataset> bareOutput;
        private List<DemoColumn> schemaColumns;
        private OpenLineage.DatasetFacets schemaFacets;

        private Job(DemoDataset d) {
            this.d = d;
            for (DemoDataset u : d.upstreams) {
                inputs.add(
                        ol.newInputDatasetBuilder()
                                .namespace(u.openLineageNamespace())
                                .name(u.name)
                                .build());
            }
            OpenLineage.JobFacets jobFacets =
                    ol.newJobFacetsBuilder()
                            .jobType(
                                    ol.newJobTypeJobFacetBuilder()
                                            .processingType("BATCH")
                                            .integration(integration(d))
                                            .jobType(d.layer == Layer.SOURCE ? "TASK" : "MODEL")
                                            .build())
                            .build();
            startJob =
                    ol.newJobBuilder()
                            .namespace(d.team.name)
                            .name(d.jobName())
                            .facets(jobFacets)
                            .build();
            plainJob = ol.newJobBuilder().namespace(d.team.name).name(d.jobName()).build();
            bareOutput =
                    List.of(
                            ol.newOutputDatasetBuilder()
                                    .namespace(d.openLineageNamespace())
                                    .name(d.name)
                                    .build());
        }

        String start(UUID runId, long at, long nominal) {
            OpenLineage.RunFacets facets =
                    ol.newRunFacetsBuilder()
                            .nominalTime(
                                    ol.newNominalTimeRunFacetBuilder()
                                            .nominalStartTime(time(nominal))
                                            .build())
                            .build();
            return toJson(EventType.START, runId, at, facets, startJob, bareOutput);
        }

        String complete(UUID runId, long at, long rows, List<DemoColumn> schema) {
            OpenLineage.OutputDataset output =
                    ol.newOutputDatasetBuilder()
                            .namespace(d.openLineageNamespace())
                            .name(d.name)
                            .facets(schemaFacets(schema))
                            .outputFacets(
                                    ol.newOutputDatasetOutputFacetsBuilder()
                                            .outputStatistics(
                                                    ol.newOutputStatisticsOutputDatasetFacetBuilder()
                                                            .rowCount(rows)
                                                            .size(
                                                                    rows
                                                                            * (40L
                                                                                    + 12L
                                                                                            * schema
                                                                                                    .size()))
                                                            .build())
                                            .build())
                            .build();
            return toJson(EventType.COMPLETE, runId, at, null, plainJob, List.of(output));
        }

        String fail(UUID runId, long at, String error) {
            OpenLineage.RunFacets facets =
                    ol.newRunFacetsBuilder()
                            .errorMessage(
                                    ol.newErrorMessageRunFacetBuilder()
                                            .message(error)
                                            .programmingLanguage(language(d))
                                            .build())
                            .build();
            return toJson(EventType.FAIL, runId, at, facets, plainJob, bareOutput);
        }

        private OpenLineage.DatasetFacets schemaFacets(List<DemoColumn> schema) {
            if (!schema.equals(schemaColumns)) {
                List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>(schema.size());
                for (DemoColumn c : schema) {
                    fields.add(
                            ol.newSchemaDatasetFacetFieldsBuilder()
                                    .name(c.name)
                                    .type(c.type.nativeType(d.platform))
                                    .build());
                }
                schemaFacets =
                        ol.newDatasetFacetsBuilder()
                                .schema(ol.newSchemaDatasetFacetBuilder().fields(fields).build())
                                .build();
                schemaColumns = List.copyOf(schema);
            }
            return schemaFacets;
        }

        private String toJson(
                EventType type,
                UUID runId,
                long at,
                OpenLineage.RunFacets runFacets,
                OpenLineage.Job job,
                List<OpenLineage.OutputDataset> outputs) {
            OpenLineage.RunEvent event =
                    ol.newRunEventBuilder()
                            .eventTime(time(at))
                            .eventType(type)
                            .run(ol.newRun(runId, runFacets))
                            .job(job)
                            .inputs(inputs)
                            .outputs(outputs)
                            .build();
            return OpenLineageClientUtils.toJson(event);
        }
    }

    private static ZonedDateTime time(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
    }

    private static String integration(DemoDataset d) {
        return switch (d.platform) {
            case "snowflake" -> "DBT";
            case "kafka" -> "KAFKA_CONNECT";
            case "postgres" -> "AIRFLOW";
            default -> "SPARK";
        };
    }

    private static String language(DemoDataset d) {
        return "snowflake".equals(d.platform) || "postgres".equals(d.platform) ? "python" : "java";
    }
}
