package io.dataspoke.aspect;

/**
 * A dataset's properties as edited in DataHub's UI ({@code editableDatasetProperties}); they take
 * precedence over {@link DatasetProperties}.
 *
 * @param lastModified null when absent
 */
public record EditableDatasetProperties(String description, String name, AuditStamp lastModified)
        implements Aspect {

    public static final String NAME = "editableDatasetProperties";

    @Override
    public String aspectName() {
        return NAME;
    }
}
