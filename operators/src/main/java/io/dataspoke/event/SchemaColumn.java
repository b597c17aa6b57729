package io.dataspoke.event;

/** A column of a dataset as a pipeline run saw it (OpenLineage schema facet). */
public record SchemaColumn(String name, String type) {}
