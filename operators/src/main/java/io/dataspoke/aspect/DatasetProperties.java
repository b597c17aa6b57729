package io.dataspoke.aspect;

import java.util.List;
import java.util.Map;

/**
 * A dataset's properties as its source system reports them ({@code datasetProperties}).
 *
 * @param description the source's description, null when there is none
 * @param tags free-text tags (not tag URNs)
 */
public record DatasetProperties(
        String name,
        String qualifiedName,
        String description,
        String uri,
        String externalUrl,
        Map<String, String> customProperties,
        List<String> tags)
        implements Aspect {

    public static final String NAME = "datasetProperties";

    @Override
    public String aspectName() {
        return NAME;
    }
}
