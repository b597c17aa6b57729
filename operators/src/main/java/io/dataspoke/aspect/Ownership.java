package io.dataspoke.aspect;

import java.util.List;

/**
 * Who owns an entity ({@code ownership}).
 *
 * @param lastModified null when absent
 */
public record Ownership(List<Owner> owners, AuditStamp lastModified) implements Aspect {

    public static final String NAME = "ownership";

    @Override
    public String aspectName() {
        return NAME;
    }

    /**
     * One owner.
     *
     * @param owner a corpuser or corpGroup URN
     * @param type TECHNICAL_OWNER, BUSINESS_OWNER, DATAOWNER, …, CUSTOM; null when absent
     * @param typeUrn the custom ownership type's URN, null when absent
     */
    public record Owner(String owner, String type, String typeUrn) {}
}
