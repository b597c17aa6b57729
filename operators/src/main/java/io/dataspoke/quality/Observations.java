package io.dataspoke.quality;

import io.dataspoke.aspect.Aspect;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.DatasetProfile;
import io.dataspoke.aspect.Operation;
import io.dataspoke.aspect.SchemaMetadata;
import io.dataspoke.aspect.Status;
import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RunDataset;
import io.dataspoke.event.SchemaColumn;
import io.dataspoke.ingest.EntityAspects;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes every event that says something about a dataset's data into {@link Observation}s:
 * DataHub {@code datasetProfile}, {@code operation} and {@code schemaMetadata} changes, finished
 * OpenLineage runs (one per output) and SQL queries that wrote to tables (one per table).
 */
public final class Observations {

    private static final String[] NONE = new String[0];

    private Observations() {}

    /** The observation in a DataHub change; none for aspects that say nothing about the data. */
    public static List<Observation> of(MetadataChange change) {
        if (change.aspectName() == null) {
            return List.of();
        }
        if (removes(change)) {
            return List.of(
                    new Observation(
                            change.entityUrn(),
                            change.eventMillis(),
                            Signal.REMOVED,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
        }
        if (change.aspectJson() == null) {
            return List.of();
        }
        boolean relevant =
                change.timeseries()
                        ? DatasetProfile.NAME.equals(change.aspectName())
                                || Operation.NAME.equals(change.aspectName())
                        : SchemaMetadata.NAME.equals(change.aspectName());
        if (!relevant) {
            return List.of();
        }
        Aspect aspect;
        try {
            aspect = Aspects.parse(change.aspectName(), change.aspectJson());
        } catch (DecodeException e) {
            // DecodeFunction dead-letters malformed known aspects, so they never get here.
            throw new IllegalStateException("aspect passed decoding but does not parse", e);
        }
        if (aspect instanceof DatasetProfile profile) {
            return List.of(profile(change.entityUrn(), profile));
        }
        if (aspect instanceof Operation operation) {
            return List.of(operation(change.entityUrn(), operation));
        }
        SchemaMetadata schema = (SchemaMetadata) aspect;
        return List.of(
                new Observation(
                        change.entityUrn(),
                        change.eventMillis(),
                        Signal.SCHEMA,
                        null,
                        null,
                        null,
                        null,
                        columns(schema),
                        null,
                        null,
                        null,
                        null));
    }

    /**
     * One observation per output of a finished run (COMPLETE, FAIL or ABORT). A successful run is a
     * load at its event time; its schema facet, when present, is the output's schema.
     */
    public static List<Observation> of(PipelineRun run) {
        boolean complete = "COMPLETE".equals(run.eventType());
        if (!(complete || run.failed()) || run.outputs() == null) {
            return List.of();
        }
        String[] inputs = inputUrns(run);
        String job = run.jobNamespace() + "." + run.jobName();
        List<Observation> observations = new ArrayList<>(run.outputs().length);
        for (RunDataset output : run.outputs()) {
            observations.add(
                    new Observation(
                            output.urn(),
                            run.eventMillis(),
                            Signal.RUN,
                            null,
                            complete ? output.rowCount() : null,
                            complete ? run.eventMillis() : null,
                            null,
                            output.schema(),
                            run.eventType(),
                            job,
                            run.errorMessage(),
                            inputs));
        }
        return observations;
    }

    /** One observation per table a query wrote to; a successful write is a load. */
    public static List<Observation> of(QueryLog query) {
        if (query.tablesWritten() == null) {
            return List.of();
        }
        boolean succeeded = "SUCCEEDED".equals(query.status());
        List<Observation> observations = new ArrayList<>(query.tablesWritten().length);
        for (String table : query.tablesWritten()) {
            observations.add(
                    new Observation(
                            table,
                            query.endMillis(),
                            Signal.QUERY_LOG,
                            null,
                            succeeded ? query.rows() : null,
                            succeeded ? query.endMillis() : null,
                            null,
                            null,
                            query.status(),
                            query.engine() + ":" + query.queryId(),
                            query.error(),
                            query.tablesRead() == null ? NONE : query.tablesRead()));
        }
        return observations;
    }

    /** A hard delete (the key aspect deleted) or a soft delete ({@code status.removed}). */
    private static boolean removes(MetadataChange change) {
        if (change.timeseries()) {
            return false;
        }
        if (change.isDelete()) {
            return EntityAspects.isKeyAspect(change.entityType(), change.aspectName());
        }
        if (!Status.NAME.equals(change.aspectName()) || change.aspectJson() == null) {
            return false;
        }
        try {
            return ((Status) Aspects.parse(Status.NAME, change.aspectJson())).removed();
        } catch (DecodeException e) {
            throw new IllegalStateException("aspect passed decoding but does not parse", e);
        }
    }

    private static Observation profile(String urn, DatasetProfile profile) {
        List<DatasetProfile.FieldProfile> fields =
                profile.fieldProfiles() == null ? List.of() : profile.fieldProfiles();
        ColumnProfile[] columns = new ColumnProfile[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            DatasetProfile.FieldProfile field = fields.get(i);
            columns[i] =
                    new ColumnProfile(
                            SchemaMetadata.simplify(field.fieldPath()),
                            field.nullCount(),
                            field.nullProportion(),
                            field.uniqueCount(),
                            field.uniqueProportion(),
                            field.min(),
                            field.max(),
                            field.sampleValues() == null || field.sampleValues().isEmpty()
                                    ? null
                                    : field.sampleValues().toArray(String[]::new));
        }
        return new Observation(
                urn,
                profile.timestampMillis(),
                Signal.PROFILE,
                profile.rowCount(),
                null,
                null,
                columns,
                null,
                null,
                null,
                null,
                null);
    }

    private static Observation operation(String urn, Operation operation) {
        return new Observation(
                urn,
                operation.timestampMillis(),
                Signal.OPERATION,
                null,
                operation.numAffectedRows(),
                operation.lastUpdatedTimestamp(),
                null,
                null,
                null,
                operation.actor(),
                null,
                null);
    }

    private static SchemaColumn[] columns(SchemaMetadata schema) {
        List<SchemaMetadata.Field> fields = schema.fields() == null ? List.of() : schema.fields();
        SchemaColumn[] columns = new SchemaColumn[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            SchemaMetadata.Field field = fields.get(i);
            String type = field.nativeDataType() != null ? field.nativeDataType() : field.type();
            columns[i] = new SchemaColumn(field.simplePath(), type);
        }
        return columns;
    }

    private static String[] inputUrns(PipelineRun run) {
        if (run.inputs() == null) {
            return NONE;
        }
        String[] urns = new String[run.inputs().length];
        for (int i = 0; i < urns.length; i++) {
            urns[i] = run.inputs()[i].urn();
        }
        return urns;
    }
}
