package io.dataspoke.knowledge;

import io.dataspoke.health.DatasetDocs;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.health.PiiRule;
import io.dataspoke.health.rollup.RollupGroups;
import io.dataspoke.knowledge.index.PointIds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the search document of a dataset from its DataHub aspects: its name spelled out
 * (snake_case and camelCase split, abbreviations expanded), platform, description, columns with
 * their descriptions, tags, glossary terms, owners and domain; and the payload search filters on.
 * Health and quality status are not part of it: they reach the payload separately.
 */
public final class SearchDocuments implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Lexical boosts: a name says more than a column description. */
    static final float NAME_BOOST = 3f;

    static final float LABEL_BOOST = 2f;
    static final float COLUMN_BOOST = 1f;
    static final float TEXT_BOOST = 1f;

    /** Columns the embedded text lists, enough for the model's window. */
    static final int EMBEDDED_COLUMNS = 40;

    private final RollupGroups teams;
    private final HealthRulesConfig.Pii pii;
    private transient PiiRule piiRule;

    public SearchDocuments(Map<String, String> teamByOwner, HealthRulesConfig.Pii pii) {
        this.teams = new RollupGroups(teamByOwner);
        this.pii = pii;
    }

    /**
     * What a search document is made of, whatever it comes from: a DataHub dataset, or a table of a
     * retrieval benchmark.
     *
     * @param name the qualified name ({@code db.schema.table})
     * @param table the table's own name
     * @param tableAlias another name for the table people use (a benchmark's natural name), or null
     * @param columns the columns with their descriptions (null when undocumented)
     */
    public record Source(
            String urn,
            String name,
            String table,
            String tableAlias,
            String platform,
            String description,
            List<Column> columns,
            List<String> tags,
            List<String> terms,
            List<String> owners,
            List<String> teams,
            String domain,
            boolean pii,
            boolean deprecated) {}

    /** A column of a {@link Source}. */
    public record Column(String name, String alias, String type, String description) {}

    /** The search document of {@code dataset}. */
    public SearchDocument of(DatasetDocs dataset) {
        List<String> tags = new ArrayList<>(dataset.datasetTags());
        Set<String> terms = new LinkedHashSet<>(dataset.datasetTerms());
        List<Column> columns = new ArrayList<>();
        for (DatasetDocs.Column column : dataset.columns()) {
            tags.addAll(column.tags());
            terms.addAll(column.terms());
            columns.add(new Column(column.path(), null, column.nativeType(), column.description()));
        }
        List<String> distinctTags = List.copyOf(new LinkedHashSet<>(tags));
        List<String> owners = dataset.owners().stream().map(o -> o.owner()).distinct().toList();
        List<String> teamNames =
                teams.teams(owners.toArray(String[]::new)).stream()
                        .filter(t -> !RollupGroups.NO_TEAM.equals(t))
                        .toList();
        return build(
                new Source(
                        dataset.urn(),
                        dataset.name(),
                        dataset.tableName(),
                        null,
                        dataset.platform(),
                        dataset.description(),
                        columns,
                        distinctTags,
                        List.copyOf(terms),
                        owners,
                        teamNames,
                        dataset.domain(),
                        isPii(dataset, distinctTags),
                        dataset.deprecation() != null && dataset.deprecation().deprecated()));
    }

    /** The search document of {@code source}. */
    public static SearchDocument build(Source source) {
        String table = source.table();
        String description = source.description();
        StringBuilder text = new StringBuilder();
        text.append(Names.spoken(table));
        if (source.tableAlias() != null && !source.tableAlias().equalsIgnoreCase(table)) {
            text.append(" (").append(source.tableAlias()).append(')');
        }
        text.append('.');
        if (!source.name().equals(table)) {
            text.append(" In ").append(Names.spoken(source.name())).append('.');
        }
        if (!source.platform().isEmpty()) {
            text.append(' ').append(source.platform()).append(" dataset.");
        }
        if (description != null) {
            text.append(' ').append(description.strip());
        }
        StringBuilder columnWords = new StringBuilder();
        StringBuilder columnDocs = new StringBuilder();
        List<String> embeddedColumns = new ArrayList<>();
        for (Column column : source.columns()) {
            columnWords.append(Names.words(column.name())).append(' ');
            if (column.alias() != null) {
                columnWords.append(column.alias()).append(' ');
            }
            if (column.description() != null) {
                columnDocs.append(column.description()).append(' ');
            }
            if (embeddedColumns.size() < EMBEDDED_COLUMNS) {
                String leaf = column.name().substring(column.name().lastIndexOf('.') + 1);
                String spoken = column.alias() != null ? column.alias() : Names.spoken(leaf);
                embeddedColumns.add(
                        spoken
                                + (column.description() == null
                                        ? ""
                                        : " (" + column.description().strip() + ")"));
            }
        }
        if (!embeddedColumns.isEmpty()) {
            text.append(" Columns: ").append(String.join(", ", embeddedColumns)).append('.');
        }
        String labels = labels(source.tags()) + " " + labels(source.terms());
        if (!labels.isBlank()) {
            text.append(" Tags: ").append(labels.strip()).append('.');
        }
        String domain = source.domain();
        if (domain != null) {
            text.append(" Domain: ").append(label(domain)).append('.');
        }
        String people = labels(source.owners()) + " " + String.join(" ", source.teams());
        String names =
                Names.words(source.name())
                        + (source.tableAlias() == null ? "" : " " + source.tableAlias());

        List<LexicalEncoder.Field> fields =
                List.of(
                        new LexicalEncoder.Field(names, NAME_BOOST),
                        new LexicalEncoder.Field(source.platform(), TEXT_BOOST),
                        new LexicalEncoder.Field(description, TEXT_BOOST),
                        new LexicalEncoder.Field(columnWords.toString(), COLUMN_BOOST),
                        new LexicalEncoder.Field(columnDocs.toString(), TEXT_BOOST),
                        new LexicalEncoder.Field(labels, LABEL_BOOST),
                        new LexicalEncoder.Field(
                                domain == null ? null : label(domain), LABEL_BOOST),
                        new LexicalEncoder.Field(people, TEXT_BOOST));
        DocumentPayload payload =
                new DocumentPayload(
                        source.urn(),
                        source.name(),
                        source.platform(),
                        domain,
                        source.teams(),
                        source.tags(),
                        source.owners(),
                        description,
                        null,
                        null,
                        0,
                        source.pii(),
                        source.deprecated());
        return new SearchDocument(PointIds.of(source.urn()), text.toString(), fields, payload);
    }

    private boolean isPii(DatasetDocs dataset, List<String> tags) {
        if (piiRule == null) {
            piiRule = new PiiRule(pii);
        }
        if (tags.stream().anyMatch(pii.tags()::contains)) {
            return true;
        }
        return dataset.columns().stream().anyMatch(piiRule::isClassified);
    }

    /**
     * The readable part of a URN: {@code urn:li:glossaryTerm:Finance.Revenue} → "Finance Revenue".
     */
    static String label(String urn) {
        String last = urn.substring(urn.lastIndexOf(':') + 1);
        return Names.spoken(last.replace('.', ' '));
    }

    private static String labels(List<String> urns) {
        StringBuilder out = new StringBuilder();
        for (String urn : urns) {
            out.append(out.length() == 0 ? "" : " ").append(label(urn));
        }
        return out.toString();
    }
}
