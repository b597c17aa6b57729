package io.dataspoke.demo;

import io.dataspoke.demo.GroundTruth.GapType;
import io.dataspoke.demo.GroundTruth.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The documentation rules the ground truth is computed with, applied to what the generator actually
 * emits, so the recorded gaps always match the events. docs/demo-data.md states the same rules.
 */
final class DocumentationAudit {

    /** The table (or topic, or folder) part of a name: lower snake case. */
    static final Pattern TABLE_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    static final double MIN_COLUMN_DOC_COVERAGE = 0.5;

    private DocumentationAudit() {}

    static List<GapType> gaps(DemoDataset d) {
        List<GapType> gaps = new ArrayList<>();
        String description = d.effectiveDescription();
        if (description == null || description.isBlank()) {
            gaps.add(GapType.MISSING_DESCRIPTION);
        } else if (isPlaceholder(description)) {
            gaps.add(GapType.PLACEHOLDER_DESCRIPTION);
        } else if (description.trim().equalsIgnoreCase(d.shortName)
                || description.trim().equalsIgnoreCase(d.name)) {
            gaps.add(GapType.DESCRIPTION_EQUALS_NAME);
        }
        if (!d.owned) {
            gaps.add(GapType.NO_OWNER);
        }
        if (!d.tagged) {
            gaps.add(GapType.NO_TAGS_OR_TERMS);
        }
        if (!d.hasDomain) {
            gaps.add(GapType.NO_DOMAIN);
        }
        if (columnDocCoverage(d) < MIN_COLUMN_DOC_COVERAGE) {
            gaps.add(GapType.LOW_COLUMN_DOC_COVERAGE);
        }
        if (d.hasPii() && !(d.tagged && d.piiTagged)) {
            gaps.add(GapType.UNTAGGED_PII);
        }
        if (violatesNaming(d.shortName)) {
            gaps.add(GapType.NAMING_VIOLATION);
        }
        if (d.deprecated && d.replacement == null) {
            gaps.add(GapType.DEPRECATED_WITHOUT_REPLACEMENT);
        }
        if (d.layer != Layer.SOURCE && !d.lineageCataloged) {
            gaps.add(GapType.MISSING_LINEAGE);
        }
        return List.copyOf(gaps);
    }

    static boolean isPlaceholder(String description) {
        String s = description.trim().toLowerCase(Locale.ROOT);
        return s.length() <= 3
                || s.equals("description")
                || s.startsWith("todo")
                || s.startsWith("tbd")
                || s.equals("n/a");
    }

    static double columnDocCoverage(DemoDataset d) {
        if (d.columns.isEmpty()) {
            return 1.0;
        }
        long documented = d.columns.stream().filter(c -> c.documented).count();
        return (double) documented / d.columns.size();
    }

    static boolean violatesNaming(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            return true;
        }
        for (String token : table.split("_")) {
            if (Vocabulary.SCRATCH_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
