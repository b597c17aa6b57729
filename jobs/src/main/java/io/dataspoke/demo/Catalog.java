package io.dataspoke.demo;

import java.util.List;

/**
 * The generated organisation before any history: teams and datasets in catalog order, and the
 * hourly pipeline chain (source, then one dataset per hop) reserved for the schema-change incident.
 */
record Catalog(List<DemoTeam> teams, List<DemoDataset> datasets, List<DemoDataset> schemaChain) {}
