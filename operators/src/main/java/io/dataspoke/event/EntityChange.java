package io.dataspoke.event;

/**
 * A DataHub EntityChangeEvent (carried as JSON in a {@code PlatformEvent} named {@code
 * entityChangeEvent}): a semantic change such as a tag added or a column removed.
 *
 * @param category TECHNICAL_SCHEMA, OWNER, TAG, DOCUMENTATION, LIFECYCLE, …
 * @param operation ADD, REMOVE, MODIFY, CREATE, SOFT_DELETE, HARD_DELETE, …
 * @param modifier the URN or field path the change is about, null when absent
 * @param parametersJson the event's parameters object as JSON, null when absent
 */
public record EntityChange(
        String entityUrn,
        String entityType,
        String category,
        String operation,
        String modifier,
        String parametersJson,
        long eventMillis,
        String actor,
        long version) {}
