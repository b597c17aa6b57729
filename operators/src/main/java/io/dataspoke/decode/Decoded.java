package io.dataspoke.decode;

import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;

/** The outcome of decoding one record that did not fail: an event, or a legal skip. */
public sealed interface Decoded {

    /** A MetadataChangeLog from either MCL topic. */
    record Change(MetadataChange event) implements Decoded {}

    /** An EntityChangeEvent from the PlatformEvent topic. */
    record EntityChangeEvent(EntityChange event) implements Decoded {}

    /** An OpenLineage run event. */
    record Run(PipelineRun event) implements Decoded {}

    /** A query log record. */
    record Query(QueryLog event) implements Decoded {}

    /** A valid record DataSpoke does not use, e.g. a PlatformEvent other than entityChangeEvent. */
    record Skipped(String reason) implements Decoded {}
}
