package io.dataspoke.sinks.datahub;

import java.io.Serializable;
import java.util.Objects;

/**
 * One aspect write for DataHub, the element of {@link DataHubSink}. {@code aspectJson} is the
 * aspect as DataHub's client serializes it: the aspect record for {@link DataHubChangeType#UPSERT},
 * a JSON Patch array for {@link DataHubChangeType#PATCH}. Build it from the client's classes with
 * {@link DataHubProposals} rather than by hand.
 */
public record DataHubWrite(
        String entityType,
        String entityUrn,
        String aspectName,
        String aspectJson,
        DataHubChangeType changeType)
        implements Serializable {

    public DataHubWrite {
        requireText(entityType, "entityType");
        requireText(entityUrn, "entityUrn");
        requireText(aspectName, "aspectName");
        requireText(aspectJson, "aspectJson");
        Objects.requireNonNull(changeType, "changeType");
        if (!entityUrn.startsWith("urn:li:")) {
            throw new IllegalArgumentException("not a DataHub URN: '" + entityUrn + "'");
        }
    }

    /** An UPSERT of {@code aspectName}, whose JSON replaces the aspect GMS holds. */
    public static DataHubWrite upsert(
            String entityType, String entityUrn, String aspectName, String aspectJson) {
        return new DataHubWrite(
                entityType, entityUrn, aspectName, aspectJson, DataHubChangeType.UPSERT);
    }

    /** What is written where, for logs and error messages: never the aspect itself. */
    public String describe() {
        return changeType + " " + aspectName + " of " + entityUrn;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
